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
            });
        builder.Services.AddAllianceAuthorization();
    }
}
