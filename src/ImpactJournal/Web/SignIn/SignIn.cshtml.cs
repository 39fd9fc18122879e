using System.Security.Claims;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

public sealed class SignInModel(IConfiguration configuration, IHostEnvironment environment) : PageModel
{
    public bool PickerOn => SignInPicker.IsOn(configuration, environment);

    /// <summary>Whether an organisation's OpenID Connect provider is configured to sign people in.</summary>
    public bool OrganisationOn => Authentication.ProviderOrigin(configuration) is not null;

    public IReadOnlyList<(string Subject, string Name, string Role)> People { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PickerOn) People = await SignInPicker.PeopleAsync(ct);
    }

    /// <summary>The picker: signs in as the chosen demo person (Development and Testing only).</summary>
    public async Task<IActionResult> OnPostAsync(string? subject, CancellationToken ct)
    {
        if (!PickerOn) return NotFound();
        People = await SignInPicker.PeopleAsync(ct);
        var person = People.FirstOrDefault(p => p.Subject == subject);
        if (person.Subject is null)
        {
            ModelState.AddModelError("subject", "Choose someone from the list.");
            return Page();
        }
        var identity = new ClaimsIdentity([new Claim("sub", person.Subject), new Claim("name", person.Name)],
            CookieAuthenticationDefaults.AuthenticationScheme, "sub", "role");
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    /// <summary>Production: off to the organisation's OpenID Connect provider, and back here signed in.</summary>
    public IActionResult OnPostOrganisation() => !OrganisationOn ? NotFound() :
        Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, Authentication.OpenIdConnect);
}
