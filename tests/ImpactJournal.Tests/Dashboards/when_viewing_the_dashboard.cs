using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Dashboards;

public sealed class when_viewing_the_dashboard(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "dash-steward@example.org";
    private const string Partner = "dash-partner@example.org";
    private const string Commissioner = "dash-commissioner@example.org";
    private const string Facilitator = "dash-facilitator@example.org";

    [Fact]
    public async Task each_of_the_callers_alliances_shows_activity_growth_capitals_indicators_and_the_latest_review()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("dash");
        var (other, _) = await As("dash-other@example.org").FormAllianceWithEveryRole("dash-x");
        var notMine = await As("dash-other@example.org").FormAlliance("Not the commissioner's");
        await As("dash-other@example.org").AddMember(other, Commissioner, "commissioner");

        var now = DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var lastWeek = DateTime.UtcNow.AddDays(-7).ToString("yyyy-MM-ddTHH:mm:ssZ");
        const string scope = "commissioners";
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: now, identifiable: true, capitals: ["social"], scope: scope));
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: now, capitals: ["social"], scope: scope));
        for (var i = 0; i < 5; i++) await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: lastWeek, identifiable: true, capitals: ["human"], scope: scope));
        for (var i = 0; i < 2; i++) await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: "2025-01-01T00:00:00Z", capitals: ["natural"], scope: scope));
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: now, capitals: ["cultural"], scope: "alliance"));
        // Dated tomorrow (within the tolerance for clocks ahead): counted from tomorrow, not in today's dashboard.
        var tomorrow = DateTime.UtcNow.Date.AddDays(1).AddSeconds(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: tomorrow, capitals: ["social"], scope: "alliance"));

        var m = await As(Facilitator).StartMap(a);
        var first = await As(Partner).AddRipple(a, m, "Volunteers", ["human"], [m]);
        await As(Partner).AddRipple(a, m, "Friendships", ["social", "human"], [first]);
        var indicator = (await As(Partner).Post($"/api/alliances/{a}/indicators", new
        { name = "Someone to call", question = "q", unit = "percent", method = "survey", proposedBy = "residents" })).Id();
        foreach (var (day, value) in new[] { ("2025-01-01", 10), ("2025-02-01", 20), ("2025-03-01", 30) })
            await As(Partner).Post($"/api/alliances/{a}/indicators/{indicator}/readings", new { value, observedOn = day });
        // Shown by name, retired ones left out.
        var before = (await As(Partner).Post($"/api/alliances/{a}/indicators", new
        { name = "Afternoon visits", question = "q", unit = "count", method = "register", proposedBy = "staff" })).Id();
        var retired = (await As(Partner).Post($"/api/alliances/{a}/indicators", new
        { name = "Bus passes", question = "q", unit = "count", method = "register", proposedBy = "staff" })).Id();
        await As(Facilitator).Post($"/api/alliances/{a}/indicators/{retired}/retirement", new { reason = "The scheme ended" }, expect: 200);
        var earlier = (await As(Facilitator).Post($"/api/alliances/{a}/learning-reviews", new { title = "Autumn", periodStart = "2024-09-01", periodEnd = "2024-11-30" })).Id();
        var adaptation = (await As(Partner).Post($"/api/alliances/{a}/learning-reviews/{earlier}/adaptations", new { text = "Open on Saturdays" })).Id();
        await As(Partner).Post($"/api/alliances/{a}/learning-reviews/{earlier}/adaptations/{adaptation}/progress", new { status = "embedded" });
        var latest = (await As(Facilitator).Post($"/api/alliances/{a}/learning-reviews", new { title = "Winter", periodStart = "2024-12-01", periodEnd = "2025-02-28" })).Id();
        await As(Partner).Post($"/api/alliances/{a}/learning-reviews/{latest}/adaptations", new { text = "Cook together" });
        await CatchUpProjections();

        var forCommissioner = (await As(Commissioner).Get("/api/dashboard"))!["alliances"]!.AsArray();
        Assert.Equal(new[] { a.ToString(), other.ToString() }.Order(), forCommissioner.Select(d => d!["id"]!.GetValue<string>()).Order());
        Assert.DoesNotContain(forCommissioner, d => d!["id"]!.GetValue<string>() == notMine.ToString());
        var mine = forCommissioner.Single(d => d!["id"]!.GetValue<string>() == a.ToString())!;
        Assert.Equal("commissioner", mine["role"]!.GetValue<string>());

        var weeks = mine["observationsPerWeek"]!.AsArray();
        Assert.Equal(26, weeks.Count);
        Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(weeks[0]!["weekStarting"]!.GetValue<string>()).DayOfWeek);
        Assert.Equal("<5", weeks[25]!["count"]!.GetValue<string>());
        // 7 in all, so last week's 5 beside this week's "<5" would give it away.
        Assert.Equal("withheld", weeks[24]!["count"]!.GetValue<string>());
        Assert.Equal(0, weeks[0]!["count"]!.GetValue<int>());
        Assert.Equal("<5", mine["capitalBalance"]!["social"]!["observations"]!.GetValue<string>());
        Assert.Equal("withheld", mine["capitalBalance"]!["human"]!["observations"]!.GetValue<string>());
        Assert.Equal(0, mine["capitalBalance"]!["cultural"]!["observations"]!.GetValue<int>());
        Assert.Equal(2, mine["capitalBalance"]!["human"]!["ripples"]!.GetValue<int>());
        Assert.Equal(1, mine["capitalBalance"]!["social"]!["ripples"]!.GetValue<int>());
        Assert.Equal(2, mine["rippleMapGrowth"]!.AsArray()[^1]!["total"]!.GetValue<int>());
        var shownIndicators = mine["indicators"]!.AsArray();
        Assert.Equal([before.ToString(), indicator.ToString()], shownIndicators.Select(i => i!["id"]!.GetValue<string>()));
        Assert.Null(shownIndicators[0]!["latest"]);
        var shownIndicator = shownIndicators[1]!;
        Assert.Equal("Someone to call", shownIndicator["name"]!.GetValue<string>());
        Assert.Equal("proposed", shownIndicator["status"]!.GetValue<string>());
        Assert.Equal("percent", shownIndicator["unit"]!.GetValue<string>());
        Assert.Equal("rising", shownIndicator["direction"]!.GetValue<string>());
        Assert.Equal(30, shownIndicator["latest"]!["value"]!.GetValue<double>());
        Assert.Equal("2025-03-01", shownIndicator["latest"]!["observedOn"]!.GetValue<string>());
        Assert.Equal(3, shownIndicator["outline"]!.AsArray().Count);
        Assert.Equal(latest.ToString(), mine["latestReview"]!["id"]!.GetValue<string>());
        Assert.Equal("Cook together", mine["latestReview"]!["adaptations"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("embedded", mine["latestReview"]!["followThrough"]![0]!["status"]!.GetValue<string>());

        var forPartner = (await As(Partner).Get("/api/dashboard"))!["alliances"]!.AsArray().Single()!;
        Assert.Equal(3, forPartner["observationsPerWeek"]!.AsArray()[25]!["count"]!.GetValue<int>());
        Assert.Equal(2, forPartner["capitalBalance"]!["social"]!["observations"]!.GetValue<int>());
        Assert.Empty((await As("nobody@example.org").Get("/api/dashboard"))!["alliances"]!.AsArray());
        await Anonymous().Get("/api/dashboard", expect: 401);
    }
}
