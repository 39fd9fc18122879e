using ImpactJournal.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ImpactJournal.Infrastructure;

public static class Authentication
{
    /// <summary>
    /// Bearer JWTs configured from <c>Authentication:Schemes:Bearer</c>: an OIDC <c>Authority</c> in
    /// production, or the signing keys that <c>dotnet user-jwts</c> writes to user secrets in Development.
    /// </summary>
    public static void AddJournalAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "sub";
                options.Events = new JwtBearerEvents { OnTokenValidated = RefuseTokensWithoutASubject };
            });
        builder.Services.AddAllianceAuthorization();
    }

    public const int MaxSubjectLength = 256;

    /// <summary>Every action is recorded against a subject, so a token that names none (or an unusable one) is no identity: 401.</summary>
    private static Task RefuseTokensWithoutASubject(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength || !StoredTextConverter.IsStorable(subject))
            context.Fail("The token has no usable subject (sub) claim.");
        return Task.CompletedTask;
    }
}
