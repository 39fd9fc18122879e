using ImpactJournal.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace ImpactJournal.Infrastructure;

public static class Authentication
{
    /// <summary>Chooses bearer or cookie for each request (see <see cref="SchemeFor"/>).</summary>
    public const string Journal = "Journal";

    public const string OpenIdConnect = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// Bearer JWTs for the API, configured from <c>Authentication:Schemes:Bearer</c>: an OIDC
    /// <c>Authority</c> in production, or the signing keys that <c>dotnet user-jwts</c> writes to user
    /// secrets in Development. Browsers use a cookie session, signed in by OpenID Connect against
    /// <c>Web:Oidc:Authority</c> or, in Development and Testing without it, by the sign-in picker.
    /// </summary>
    public static void AddJournalAuthentication(this WebApplicationBuilder builder)
    {
        var oidcAuthority = builder.Configuration["Web:Oidc:Authority"];
        var production = builder.Environment.IsProduction();
        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = Journal;
                options.DefaultChallengeScheme = Journal;
            })
            .AddPolicyScheme(Journal, "Bearer for the API, a cookie for pages", options => options.ForwardDefaultSelector = SchemeFor)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "sub";
                options.Events = new JwtBearerEvents { OnTokenValidated = RefuseTokensWithoutASubject };
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "impactjournal";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/signin";
                if (oidcAuthority is { Length: > 0 }) options.ForwardChallenge = OpenIdConnect;
            });
        if (oidcAuthority is { Length: > 0 })
            authentication.AddOpenIdConnect(options =>
            {
                builder.Configuration.GetSection("Web:Oidc").Bind(options);
                options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "sub";
                options.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile" }) options.Scope.Add(scope);
                // The ID token is kept in the session so that signing out can name it to the provider (id_token_hint).
                options.SaveTokens = true;
                options.Events.OnRedirectToIdentityProviderForSignOut = SignOutWhereTheProviderCan;
            });
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, ReadSigningKeysOnce);
        builder.Services.AddAllianceAuthorization();
    }

    /// <summary>
    /// The origin of the organisation's provider (<c>Web:Oidc:Authority</c>), or null without one: signing in and out
    /// are form posts answered by a redirect there, which the pages' content security policy must allow.
    /// </summary>
    public static string? ProviderOrigin(IConfiguration configuration) =>
        configuration["Web:Oidc:Authority"] is { Length: > 0 } authority ? new Uri(authority).GetLeftPart(UriPartial.Authority) : null;

    /// <summary>
    /// Signing out ends the session at the provider too (RP-initiated logout), naming this client so the provider may
    /// send the person back. A provider without an end-session endpoint (Google) cannot: the person comes straight back.
    /// </summary>
    private static Task SignOutWhereTheProviderCan(RedirectContext context)
    {
        if (string.IsNullOrEmpty(context.ProtocolMessage.IssuerAddress))
        {
            context.Response.Redirect(context.Properties.RedirectUri ?? "/signin");
            context.HandleResponse();
        }
        else context.ProtocolMessage.ClientId = context.Options.ClientId;
        return Task.CompletedTask;
    }

    /// <summary>
    /// A request carrying a bearer token is the API's; so is every API request that is not a GET (API
    /// writes never accept the cookie, so there is nothing to forge across sites); API GETs may use the
    /// page's cookie (the live map stream, pictures); everything else is a page with a cookie session.
    /// </summary>
    public static string SchemeFor(HttpContext http)
    {
        var request = http.Request;
        if (request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
            return JwtBearerDefaults.AuthenticationScheme;
        if (request.Path.StartsWithSegments("/api"))
            return HttpMethods.IsGet(request.Method) && request.Cookies.ContainsKey("impactjournal")
                ? CookieAuthenticationDefaults.AuthenticationScheme
                : JwtBearerDefaults.AuthenticationScheme;
        return CookieAuthenticationDefaults.AuthenticationScheme;
    }

    /// <summary>
    /// Signing keys bound from <c>Authentication:Schemes:Bearer:SigningKeys</c> come as a lazy sequence that every
    /// validated token reads again: each request walked the configuration and made new keys, so no HMAC was ever
    /// reused (about a fifth of the CPU of the simplest read). Read once, when the options are, as the issuers and
    /// audiences beside them already were.
    /// </summary>
    private static void ReadSigningKeysOnce(JwtBearerOptions options) =>
        options.TokenValidationParameters.IssuerSigningKeys = options.TokenValidationParameters.IssuerSigningKeys?.ToList();

    public const int MaxSubjectLength = 256;

    /// <summary>Every action is recorded against a subject, so a token that names none (or an unusable one) is no identity: 401.</summary>
    private static Task RefuseTokensWithoutASubject(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength || !StoredTextConverter.IsStorable(subject))
            context.Fail("The token has no usable subject (sub) claim.");
        return Task.CompletedTask;
    }
}
