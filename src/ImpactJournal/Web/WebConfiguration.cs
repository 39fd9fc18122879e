using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ImpactJournal.Web;

/// <summary>
/// The web app: server-rendered Razor Pages under <c>Web/</c>, served by the same service as the API,
/// signed in with a cookie session, every form a plain POST-redirect-GET with antiforgery.
/// </summary>
public static class WebConfiguration
{
    public static void AddJournalWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web";
            options.Conventions.AuthorizeFolder("/", CookieAuthenticationDefaults.AuthenticationScheme);
            options.Conventions.AllowAnonymousToFolder("/SignIn");
            // The commons' pages decide themselves: an installation may open them to people not signed in (CommonsPage).
            options.Conventions.AllowAnonymousToFolder("/Commons");
        });
        // The journal's own scheme picks: a bearer token when the request carries one (scripts, the page
        // benchmark), otherwise the browser's cookie.
        builder.Services.AddAuthorizationBuilder().AddPolicy(CookieAuthenticationDefaults.AuthenticationScheme, policy => policy
            .AddAuthenticationSchemes(Infrastructure.Authentication.Journal).RequireAuthenticatedUser());
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "impactjournal-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        SignInPicker.Guard(builder);
    }

    public static void UseJournalWeb(this WebApplication app)
    {
        // Browsers hold the redirects that answer a form to form-action too: signing in and out post here and are sent
        // on to the organisation's provider, so its origin (from configuration, never a wildcard) is allowed beside ours.
        var formAction = string.Join(' ', new[] { "'self'", Infrastructure.Authentication.ProviderOrigin(app.Configuration) }.OfType<string>());
        // No inline script or style anywhere in the app: what people typed can never run.
        var policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                     $"object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
        app.UseWhen(IsPage, page => page.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            await next(http);
        }));
        app.UseStaticFiles();
    }

    public static void MapJournalWeb(this WebApplication app)
    {
        app.MapRazorPages();
        // Entries kept on a phone with no signal are sent later by the service worker (wwwroot/sw.js); the token in the kept
        // form may have outlived the browser's antiforgery cookie, so it asks here for a fresh pair just before sending.
        app.MapGet("/offline/token", (HttpContext http, IAntiforgery antiforgery) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return Results.Json(new { token = antiforgery.GetAndStoreTokens(http).RequestToken, owner = DeviceOwner.Of(http.User) });
            })
            .RequireAuthorization(CookieAuthenticationDefaults.AuthenticationScheme)
            .ExcludeFromDescription();
    }

    private static bool IsPage(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/docs")
        && !http.Request.Path.StartsWithSegments("/openapi") && !http.Request.Path.StartsWithSegments("/health");
}
