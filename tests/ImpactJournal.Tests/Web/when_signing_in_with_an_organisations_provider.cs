using System.Text.RegularExpressions;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The service as production runs it: no picker, people signed in by their organisation's OpenID Connect provider
/// (authorization code with PKCE) and the API taking that provider's access tokens. The provider is a real one
/// (<see cref="OrganisationProvider"/>) on loopback, with its own login page.
/// </summary>
public sealed class OrganisationSignInFixture : BrowserFixture
{
    public OrganisationProvider Provider { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(base.Settings.Concat(Provider.ServiceSettings));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Provider.StartAsync(Service.Address);
    }

    public override async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class when_signing_in_with_an_organisations_provider(OrganisationSignInFixture fixture) : IClassFixture<OrganisationSignInFixture>
{
    private const string Person = "opendoor@ashworth.example";

    // Coming back from the provider the service redeems the code over the back channel and checks the ID token
    // against the provider's keys, fetched the first time: on a busy machine that takes longer than a page.
    private static readonly LocatorAssertionsToBeVisibleOptions BackFromTheProvider = new() { Timeout = 30_000 };

    [Fact]
    public async Task a_partner_signs_in_at_the_provider_uses_the_journal_and_signs_out_there_too()
    {
        await using var context = await fixture.NewContextAsync(1280, 800);
        // The provider's stock pages ask the internet for a web font; there is none here.
        await context.RouteAsync(url => !new Uri(url).IsLoopback, route => route.AbortAsync());
        var page = await context.NewPageAsync();
        var provider = new Regex("^" + Regex.Escape(fixture.Provider.Issuer) + "/");

        // A journal page sends a signed-out person straight to the provider; the sign-in page offers only the provider.
        var entries = $"/alliances/{fixture.Demo.Alliance.Id}/entries";
        await page.GotoAsync(entries);
        await Expect(page).ToHaveURLAsync(provider);
        await page.GotoAsync("/signin");
        await Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await SignInAtTheProviderAsync(page, provider);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Signed in as the provider's subject: the demo alliance knows them as a partner.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = fixture.Demo.Alliance.Name, Level = 1 })).ToBeVisibleAsync(BackFromTheProvider);
        await Expect(page.GetByText("You are a partner")).ToBeVisibleAsync();
        await page.GotoAsync($"/alliances/{fixture.Demo.Alliance.Id}/notice");
        var words = $"The drop-in's new volunteers came from the food hub {Guid.NewGuid():N}";
        await page.GetByLabel("What happened?").FillAsync(words);
        await page.GetByLabel("Some of both").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await page.GotoAsync(entries);
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);

        // Signing out ends the session at the provider too, and comes back to the journal's sign-in page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(provider);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(BackFromTheProvider);
        await Expect(page).ToHaveURLAsync(new Uri(fixture.Service.Address, "/signin").ToString());
        await page.GotoAsync(entries);
        await Expect(page).ToHaveURLAsync(provider);
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await Expect(page.GetByPlaceholder("Enter any login")).ToBeVisibleAsync();
    }

    private static async Task SignInAtTheProviderAsync(IPage page, Regex provider)
    {
        await Expect(page).ToHaveURLAsync(provider);
        await page.GetByPlaceholder("Enter any login").FillAsync(Person);
        await page.GetByPlaceholder("and password").FillAsync("any password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
    }

    [Fact]
    public async Task the_api_takes_the_providers_access_tokens_and_no_other_issuers()
    {
        using var script = ServiceClient.WithToken(fixture.Service.Address, await fixture.Provider.ScriptTokenAsync());
        var id = Guid.NewGuid();
        await script.Post("/api/alliances", AllianceBuilder.FormBody(id));
        var member = await script.Get($"/api/alliances/{id}/members/{OrganisationProvider.ScriptClient}");
        Assert.Equal("steward", member!["role"]!.GetValue<string>());

        // Signed with a key the suite trusts elsewhere, but by an issuer this service was not pointed at.
        using var stranger = new ServiceClient(fixture.Service.Address, Person);
        Assert.Equal(401, await stranger.StatusOf("/api/alliances"));
    }
}
