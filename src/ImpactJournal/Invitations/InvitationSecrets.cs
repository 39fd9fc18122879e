using System.Security.Cryptography;
using System.Text;

namespace ImpactJournal.Invitations;

/// <summary>
/// The secrets residents hold: an invitation link's token and a story's reference code. Both come from the
/// operating system's cryptographic generator; only their SHA-256 hashes are stored.
/// </summary>
public static class InvitationSecrets
{
    /// <summary>Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.</summary>
    public const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int CodeLength = 12;

    /// <summary>144 random bits as 24 URL-safe characters.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(18));

    /// <summary>12 characters of 30 (about 59 bits), shown in groups of four: "7KQM-2RXD-HT4P".</summary>
    public static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(CodeAlphabet, CodeLength);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>A code as typed (any case, spaces or dashes) in its one written form; null when it cannot be one.</summary>
    public static string? NormaliseCode(string? typed)
    {
        if (typed is null || typed.Length > 40) return null;
        var chars = typed.ToUpperInvariant().Where(c => c is not ('-' or ' ')).ToArray();
        if (chars.Length != CodeLength || chars.Any(c => !CodeAlphabet.Contains(c))) return null;
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
