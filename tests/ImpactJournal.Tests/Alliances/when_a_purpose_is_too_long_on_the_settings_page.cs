using ImpactJournal.Alliances;
using ImpactJournal.Tests.Support;
using ImpactJournal.Tests.UseCases;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

/// <summary>The settings page names the limit the use case holds a shared purpose to, not another number.</summary>
public sealed class when_a_purpose_is_too_long_on_the_settings_page(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_error_names_the_real_limit()
    {
        var steward = As(DemoPeople.Steward);
        var allianceId = await steward.FormAlliance("Long purpose");
        using var page = await PageVisitor.SignInAsync(Host, DemoPeople.Steward);

        var (status, _, html) = await page.PostFormAsync($"/alliances/{allianceId}/settings", "purpose",
            new Dictionary<string, string> { ["Purpose"] = new string('p', AllianceLimits.Purpose + 1) });

        Assert.Equal(400, status);
        Assert.Contains("(up to 4,000 characters)", html);
    }
}
