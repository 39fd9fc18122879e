using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Journal;

/// <summary>Commissioner views count only what commissioners may read, and no hidden count can be worked out by subtraction.</summary>
public sealed class when_commissioners_read_counts(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "counts-steward@example.org";
    private const string PartnerA = "counts-partner@example.org";
    private const string PartnerB = "counts-partner-b@example.org";
    private const string Facilitator = "counts-facilitator@example.org";
    private const string Commissioner = "counts-commissioner@example.org";

    private async Task<(Guid Alliance, Guid Review)> AllianceWithReview()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("counts");
        var partnerB = await As(Steward).AddPartner(a, "Open Door");
        await As(Steward).AddMember(a, PartnerB, "partner", partnerB);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var review = (await As(Facilitator).Post($"/api/alliances/{a}/learning-reviews", new
        {
            title = "This month", periodStart = today.AddDays(-30).ToString("yyyy-MM-dd"), periodEnd = today.ToString("yyyy-MM-dd"), questions = new[] { "What changed?" }
        })).Id();
        return (a, review);
    }

    private static string Shown(JsonNode? count) => Indicators.ShownCounts.AsShown(count);

    private static string DaysAgo(int days) => DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-ddTHH:mm:ssZ");

    [Fact]
    public async Task alliance_scope_observations_reach_no_commissioner_count_theme_or_dashboard()
    {
        var (a, review) = await AllianceWithReview();
        for (var i = 0; i < 6; i++)
            await As(PartnerA).LogObservation(a, ObservationBuilder.Body(observedAt: DaysAgo(2), scope: "commissioners", themes: ["food"], capitals: ["social"]));
        await As(PartnerB).LogObservation(a, ObservationBuilder.Body(observedAt: DaysAgo(2), scope: "alliance", themes: ["eviction – flat 3b"], capitals: ["built"]));
        await CatchUpProjections();

        var forPartners = (await As(PartnerA).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!;
        Assert.Equal(7, forPartners["activity"]!["observations"]!.GetValue<int>());
        Assert.Contains("eviction – flat 3b", forPartners["activity"]!["byTheme"]!.AsArray().Select(t => t!["theme"]!.GetValue<string>()));

        var summary = (await As(Commissioner).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!;
        Assert.Equal(6, summary["activity"]!["observations"]!.GetValue<int>());
        Assert.Single(summary["activity"]!["byPartner"]!.AsArray());
        Assert.Equal(["food"], summary["activity"]!["byTheme"]!.AsArray().Select(t => t!["theme"]!.GetValue<string>()));
        foreach (var format in new[] { "markdown", "html" })
        {
            var (_, _, text, _) = await As(Commissioner).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/learning-reviews/{review}/summary?format={format}", null);
            Assert.DoesNotContain("eviction", text);
            Assert.DoesNotContain("flat 3b", text);
        }

        var dashboard = (await As(Commissioner).Get("/api/dashboard"))!["alliances"]!.AsArray().Single()!;
        Assert.Equal(6, dashboard["observationsPerWeek"]!.AsArray().Sum(w => w!["count"]!.GetValue<int>()));
        Assert.Equal(0, dashboard["capitalBalance"]!["built"]!["observations"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_small_count_cannot_be_recovered_from_the_total_and_the_other_partner()
    {
        var (a, review) = await AllianceWithReview();
        for (var i = 0; i < 6; i++)
            await As(PartnerA).LogObservation(a, ObservationBuilder.Body(observedAt: DaysAgo(2), scope: "commissioners", themes: ["food"], capitals: ["social"]));
        for (var i = 0; i < 3; i++)
            await As(PartnerB).LogObservation(a, ObservationBuilder.Body(observedAt: DaysAgo(10), scope: "commissioners", identifiable: true, themes: ["housing"], capitals: ["built"]));
        await CatchUpProjections();

        var activity = (await As(Commissioner).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!["activity"]!;
        var partners = activity["byPartner"]!.AsArray().Select(p => Shown(p!["count"])).ToList();
        Assert.Contains("<5", partners);
        // Total 9 beside partner A's 6 would give partner B's 3 away: one of them must be withheld too.
        Assert.True(Shown(activity["observations"]) == "withheld" || partners.Contains("withheld"), activity.ToJsonString());
        var themes = activity["byTheme"]!.AsArray().Select(t => Shown(t!["count"])).ToList();
        Assert.Contains("<5", themes);
        Assert.Contains("withheld", themes);

        var dashboard = (await As(Commissioner).Get("/api/dashboard"))!["alliances"]!.AsArray().Single()!;
        var weeks = dashboard["observationsPerWeek"]!.AsArray().Select(w => Shown(w!["count"])).ToList();
        Assert.Single(weeks, "<5");
        Assert.Single(weeks, "withheld");
        Assert.Equal("<5", Shown(dashboard["capitalBalance"]!["built"]!["observations"]));
        Assert.Equal("withheld", Shown(dashboard["capitalBalance"]!["social"]!["observations"]));

        var steward = (await As(Steward).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!["activity"]!;
        Assert.Equal(9, steward["observations"]!.GetValue<int>());
    }
}
