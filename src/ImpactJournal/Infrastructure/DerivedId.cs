using System.Security.Cryptography;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// A UUID derived from two others (a name-based, version 8 UUID from SHA-256), for parts that a
/// retried write must recognise: the same pair always gives the same id.
/// </summary>
public static class DerivedId
{
    public static Guid From(Guid first, Guid second)
    {
        Span<byte> input = stackalloc byte[32];
        first.TryWriteBytes(input);
        second.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)(hash[6] & 0x0F | 0x80);
        hash[8] = (byte)(hash[8] & 0x3F | 0x80);
        return new Guid(hash[..16]);
    }

    /// <summary>A UUID named by a text (its SHA-256, made a version 8 UUID): the same text always gives the same id.</summary>
    public static Guid Named(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)(hash[6] & 0x0F | 0x80);
        hash[8] = (byte)(hash[8] & 0x3F | 0x80);
        return new Guid(hash[..16]);
    }
}
