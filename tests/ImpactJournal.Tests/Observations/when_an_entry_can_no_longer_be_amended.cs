using ImpactJournal.Tests.Support;
using ImpactJournal.Tests.UseCases;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>An entry retracted or withdrawn since its page was opened: the page refuses the amendment as the API does.</summary>
public sealed class when_an_entry_can_no_longer_be_amended(AppFixture fixture) : IntegrationContext(fixture)
{
    [Theory]
    [InlineData("retraction", "Retracted", "can no longer be amended")]
    [InlineData("consent-withdrawal", "Consent was withdrawn", "erased at the teller&#x27;s request")]
    public async Task the_page_answers_the_apis_conflict_in_its_words(string change, string title, string detail)
    {
        var steward = As(DemoPeople.Steward);
        var allianceId = await steward.FormAlliance("No longer amendable");
        var partnerId = await steward.AddPartner(allianceId, "Ashworth Food Hub");
        await steward.AddMember(allianceId, DemoPeople.Partner, "partner", partnerId);
        var partner = As(DemoPeople.Partner);
        var (throughApi, throughPage) = (await partner.LogObservation(allianceId), await partner.LogObservation(allianceId));
        using var page = await PageVisitor.SignInAsync(Host, DemoPeople.Partner);
        var entry = $"/alliances/{allianceId}/entries/{throughPage}";
        foreach (var id in new[] { throughApi, throughPage })
            await partner.Post($"/api/alliances/{allianceId}/observations/{id}/{change}", new { reason = "Logged twice" }, expect: 200);

        var api = await partner.Post($"/api/alliances/{allianceId}/observations/{throughApi}/amendments", new { text = "Too late" }, expect: 409);
        var (status, _, html) = await page.PostFormAsync(entry, "amend", new Dictionary<string, string> { ["Text"] = "Too late", ["Version"] = "1" });

        Assert.Equal(title, api!["title"]!.GetValue<string>());
        Assert.Equal(409, status);
        Assert.Contains($"<h1>{title}</h1>", html);
        Assert.Contains(detail, html);
    }
}
