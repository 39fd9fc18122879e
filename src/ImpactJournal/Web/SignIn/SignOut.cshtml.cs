using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

/// <summary>
/// Signing out is a POST (with antiforgery), so no link elsewhere can sign anyone out. With an organisation's
/// provider it ends the session there too, or the next "Sign in" would let the person straight back in.
/// </summary>
public sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        // What the journal kept on this device for working with no signal (the service worker, its copies of pages and
        // the entries waiting to send) goes with the session: a shared phone keeps nothing of the last person.
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        if (await schemes.GetSchemeAsync(Authentication.OpenIdConnect) is null)
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return LocalRedirect("/signin");
        }
        return SignOut(new AuthenticationProperties { RedirectUri = "/signin" },
            CookieAuthenticationDefaults.AuthenticationScheme, Authentication.OpenIdConnect);
    }
}
