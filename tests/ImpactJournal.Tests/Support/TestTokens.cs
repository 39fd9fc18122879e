using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace ImpactJournal.Tests.Support;

/// <summary>
/// Mints real signed JWTs that the service validates through its ordinary
/// <c>Authentication:Schemes:Bearer</c> configuration (the same path user-jwts tokens take).
/// </summary>
public static class TestTokens
{
    private const string Issuer = "impactjournal-tests";
    private const string Audience = "impactjournal-tests";
    private static readonly byte[] Key = "impactjournal-tests-signing-key-of-at-least-32-bytes"u8.ToArray();

    public static readonly IReadOnlyDictionary<string, string> ServerSettings = new Dictionary<string, string>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
    };

    public static string For(string subject, string? displayName = null) => Mint(subject, displayName, Key, DateTime.UtcNow.AddHours(1));

    public static string Expired(string subject) => Mint(subject, null, Key, DateTime.UtcNow.AddHours(-1));

    public static string SignedWithAnotherKey(string subject) =>
        Mint(subject, null, "another-key-that-the-server-never-trusts!"u8.ToArray(), DateTime.UtcNow.AddHours(1));

    /// <summary>A validly signed token that names nobody: no <c>sub</c> claim, only a display name.</summary>
    public static string WithoutSubject() => Mint(null, "Nobody in particular", Key, DateTime.UtcNow.AddHours(1));

    private static string Mint(string? subject, string? displayName, byte[] key, DateTime expires)
    {
        var claims = new List<Claim>();
        if (subject is not null) claims.Add(new Claim("sub", subject));
        if (displayName is not null) claims.Add(new Claim("name", displayName));
        var token = new JwtSecurityToken(Issuer, Audience, claims,
            notBefore: expires.AddHours(-2), expires: expires,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
