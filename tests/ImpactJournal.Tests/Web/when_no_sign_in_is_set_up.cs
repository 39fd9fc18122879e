using System.Net;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A service with neither the picker nor an organisation's provider (say, a compose file started without
/// OIDC_AUTHORITY) tells people that signing in is not set up, rather than offering a button that fails.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_no_sign_in_is_set_up(AppFixture fixture)
{
    [Fact]
    public async Task the_sign_in_page_says_so_and_offers_no_button_that_would_fail()
    {
        var schema = $"nosignin_{Guid.NewGuid():N}"[..20];
        await using var service = new ServiceProcess(fixture.ConnectionString, schema, new Dictionary<string, string> { ["Web:SignInPicker"] = "false" });
        await service.ApplySchemaAsync();
        await service.StartAsync();
        using var browser = new HttpClient { BaseAddress = service.Address };

        var page = await browser.GetAsync("/signin");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Signing in is not set up on this service yet", html);
        Assert.DoesNotContain("Sign in with your organisation", html);
        Assert.DoesNotContain("<form", html.Split("<main")[^1]);
    }
}
