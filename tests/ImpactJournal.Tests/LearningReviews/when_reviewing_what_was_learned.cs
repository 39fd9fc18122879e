using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.LearningReviews;

public sealed class when_reviewing_what_was_learned(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "hls-steward@example.org";
    private const string Partner = "hls-partner@example.org";
    private const string Facilitator = "hls-facilitator@example.org";
    private const string Commissioner = "hls-commissioner@example.org";

    private static string Reviews(Guid a) => $"/api/alliances/{a}/learning-reviews";

    private async Task<Guid> Open(Guid a, string title, string start, string end) =>
        (await As(Facilitator).Post(Reviews(a), new { title, periodStart = start, periodEnd = end, questions = new[] { "What surprised us?" } })).Id();

    [Fact]
    public async Task members_reflect_and_agree_adaptations_until_the_review_closes_and_progress_continues_after()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("hls");
        await As(Partner).Post(Reviews(a), new { title = "x", periodStart = "2025-01-01", periodEnd = "2025-03-31" }, expect: 403);
        await As(Facilitator).Post(Reviews(a), new { title = "x", periodStart = "2025-03-01", periodEnd = "2025-01-31" }, expect: 400);
        var r = await Open(a, "Spring review", "2025-01-01", "2025-03-31");

        await As(Commissioner).Post($"{Reviews(a)}/{r}/reflections", new { kind = "surprised", text = "The fridge became a meeting place." });
        var reflectionId = Guid.NewGuid();
        await As(Partner).Post($"{Reviews(a)}/{r}/reflections", new { id = reflectionId, kind = "unsure", text = "Is it the fridge or the volunteers?" });
        await As(Partner).Post($"{Reviews(a)}/{r}/reflections", new { id = reflectionId, kind = "unsure", text = "Is it the fridge or the volunteers?" }, expect: 200);
        await As(Partner).Post($"{Reviews(a)}/{r}/reflections", new { kind = "wondering", text = "x" }, expect: 400);
        var adaptation = (await As(Commissioner).Post($"{Reviews(a)}/{r}/adaptations", new { text = "Open the hall on Saturdays", owner = "Harbour Housing" })).Id();

        await As(Partner).Post($"{Reviews(a)}/{r}/close", new { summary = "done" }, expect: 403);
        await As(Facilitator).Post($"{Reviews(a)}/{r}/close", new { summary = "We learned to listen." }, expect: 200);
        await As(Partner).Post($"{Reviews(a)}/{r}/reflections", new { kind = "noticed", text = "Too late" }, expect: 409);
        await As(Partner).Post($"{Reviews(a)}/{r}/adaptations", new { text = "Too late" }, expect: 409);
        await As(Partner).Post($"{Reviews(a)}/{r}/adaptations/{adaptation}/progress", new { status = "trying", note = "Two Saturdays so far" });
        await As(Partner).Post($"{Reviews(a)}/{r}/adaptations/{Guid.NewGuid()}/progress", new { status = "trying" }, expect: 404);
        await As(Partner).Post($"{Reviews(a)}/{r}/adaptations/{adaptation}/progress", new { status = "finished" }, expect: 400);

        var review = (await As(Commissioner).Get($"{Reviews(a)}/{r}"))!;
        Assert.Equal(2, review["reflections"]!.AsArray().Count);
        Assert.Equal("trying", review["adaptations"]![0]!["latestProgress"]!["status"]!.GetValue<string>());
        Assert.NotNull(review["closedAt"]);
        await As("stranger@example.org").Get($"{Reviews(a)}/{r}", expect: 404);
    }

    [Fact]
    public async Task the_summary_gives_what_the_mapping_sessions_held_in_the_period_said_when_they_closed()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("hls");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var quarter = await Open(a, "Sessions quarter", today.AddDays(-30).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));
        var m = await As(Facilitator).StartMap(a, "Bus to the market");
        var within = await As(Facilitator).ScheduleSession(a, m, "Church hall session", today.AddDays(-5).ToString("yyyy-MM-dd"));
        var before = await As(Facilitator).ScheduleSession(a, m, "Last year's session", "2020-03-01");
        await As(Facilitator).Post($"{MapBuilder.Map(a, m)}/sessions/{within}/close",
            new { reflections = "What surprised us? How much the bus mattered.\n\nWhat next? Invite the bus company." }, expect: 200);
        await As(Facilitator).Post($"{MapBuilder.Map(a, m)}/sessions/{before}/close", new { reflections = "What next? Map again." }, expect: 200);

        var summary = (await As(Partner).Get($"{Reviews(a)}/{quarter}/summary"))!;
        var said = summary["mappingSessions"]!.AsArray().Single()!;
        Assert.Equal("Church hall session", said["title"]!.GetValue<string>());
        Assert.Equal("Bus to the market", said["focus"]!.GetValue<string>());
        Assert.Equal("What surprised us? How much the bus mattered.\n\nWhat next? Invite the bus company.", said["reflections"]!.GetValue<string>());

        var (_, _, markdown, _) = await As(Partner).SendRaw(HttpMethod.Get, $"{Reviews(a)}/{quarter}/summary?format=markdown", null);
        Assert.Contains("## What the mapping sessions said", markdown);
        Assert.Contains($"“Church hall session” on {today.AddDays(-5).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}, mapping “Bus to the market”: What surprised us? How much the bus mattered. What next? Invite the bus company.", markdown);
        Assert.DoesNotContain("Map again", markdown);
    }

    [Fact]
    public async Task the_summary_gathers_the_period_and_follows_through_on_the_previous_review()
    {
        var (a, partnerId) = await As(Steward).FormAllianceWithEveryRole("hls");
        var winter = await Open(a, "Winter review", "2024-10-01", "2024-12-31");
        var kept = (await As(Partner).Post($"{Reviews(a)}/{winter}/adaptations", new { text = "Cook together on Thursdays", owner = "Community kitchen" })).Id();
        var dropped = (await As(Partner).Post($"{Reviews(a)}/{winter}/adaptations", new { text = "Weekly newsletter" })).Id();
        await As(Facilitator).Post($"{Reviews(a)}/{winter}/close", new { }, expect: 200);
        await As(Partner).Post($"{Reviews(a)}/{winter}/adaptations/{kept}/progress", new { status = "trying" });
        await As(Partner).Post($"{Reviews(a)}/{winter}/adaptations/{kept}/progress", new { status = "embedded", note = "Every Thursday since February" });

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var spring = await Open(a, "This quarter", today.AddDays(-30).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));
        var recent = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ");
        for (var i = 0; i < 3; i++)
            await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: recent, themes: ["food"], identifiable: i == 0));
        var retracted = await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: recent, themes: ["food"]));
        await As(Partner).Post($"/api/alliances/{a}/observations/{retracted}/retraction", new { reason = "Duplicate" }, expect: 200);
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: "2020-01-01T00:00:00Z", themes: ["old"]));

        var m = await As(Facilitator).StartMap(a);
        var surprise = await As(Partner).AddRipple(a, m, "Bins overflow", ["built"], [m], valence: "degenerative", intended: false);
        await As(Partner).AddRipple(a, m, "New friendships", ["social"], [surprise]);
        // Re-coded within the period: counted once, under the capitals it has now.
        await As(Facilitator).Put($"{MapBuilder.Map(a, m)}/ripples/{surprise}/coding", new { capitals = new[] { "built", "natural" } });

        var indicator = (await As(Partner).Post($"/api/alliances/{a}/indicators", new
        { name = "Someone to call", question = "q", unit = "percent", method = "survey", proposedBy = "residents" })).Id();
        foreach (var (days, value) in new[] { (20, 40.0), (10, 45.0), (2, 52.0) })
            await As(Partner).Post($"/api/alliances/{a}/indicators/{indicator}/readings", new { value, observedOn = today.AddDays(-days).ToString("yyyy-MM-dd") });

        var alliance = await As(Partner).Post($"/api/alliances/{a}/stories", StoryBody("alliance", "A private story"));
        var shared = await As(Partner).Post($"/api/alliances/{a}/stories", StoryBody("commissioners", "A shared story"));
        await As(Facilitator).Post($"/api/alliances/{a}/stories/{alliance.Id()}/selections", new { panel = "Residents", reason = "It names Maggie" });
        await As(Facilitator).Post($"/api/alliances/{a}/stories/{shared.Id()}/selections", new { panel = "Board", reason = "Shows belonging" });
        await As(Commissioner).Post($"{Reviews(a)}/{spring}/reflections", new { kind = "question", text = "What would it take to last?" });
        await CatchUpProjections();

        var summary = (await As(Partner).Get($"{Reviews(a)}/{spring}/summary"))!;
        Assert.Equal(3, summary["activity"]!["observations"]!.GetValue<int>());
        var byPartner = summary["activity"]!["byPartner"]!.AsArray().Single()!;
        Assert.Equal(partnerId.ToString(), byPartner["partnerId"]!.GetValue<string>());
        Assert.Equal("Harbour Housing", byPartner["name"]!.GetValue<string>());
        Assert.Equal(3, summary["activity"]!["byTheme"]!.AsArray().Single(t => t!["theme"]!.GetValue<string>() == "food")!["count"]!.GetValue<int>());
        Assert.Equal(2, summary["ripples"]!["added"]!.GetValue<int>());
        Assert.Equal(1, summary["ripples"]!["byOrder"]!["2"]!.GetValue<int>());
        Assert.Equal(1, summary["ripples"]!["recoded"]!.GetValue<int>());
        Assert.Equal(1, summary["ripples"]!["byCapital"]!["built"]!.GetValue<int>());
        Assert.Equal(1, summary["ripples"]!["byCapital"]!["natural"]!.GetValue<int>());
        Assert.Equal(1, summary["ripples"]!["byCapital"]!["social"]!.GetValue<int>());
        Assert.Equal(1, summary["ripples"]!["byOrder"]!["1"]!.GetValue<int>());
        Assert.Equal(surprise.ToString(), summary["ripples"]!["unintended"]!.AsArray().Single()!["id"]!.GetValue<string>());
        var movement = summary["indicators"]!.AsArray().Single()!;
        Assert.Equal(40, movement["first"]!["value"]!.GetValue<double>());
        Assert.Equal(52, movement["last"]!["value"]!.GetValue<double>());
        Assert.Equal("rising", movement["direction"]!.GetValue<string>());
        Assert.Equal(2, summary["stories"]!.AsArray().Count);
        Assert.Equal("What would it take to last?", summary["reflections"]![0]!["text"]!.GetValue<string>());
        var follow = summary["followThrough"]!.AsArray();
        Assert.Equal("embedded", follow.Single(f => f!["adaptationId"]!.GetValue<string>() == kept.ToString())!["status"]!.GetValue<string>());
        Assert.Null(follow.Single(f => f!["adaptationId"]!.GetValue<string>() == dropped.ToString())!["status"]);

        var commissioners = (await As(Commissioner).Get($"{Reviews(a)}/{spring}/summary"))!;
        // Every observation of the period was logged for the alliance only: none of it reaches a commissioner.
        Assert.Equal(0, commissioners["activity"]!["observations"]!.GetValue<int>());
        Assert.Empty(commissioners["activity"]!["byTheme"]!.AsArray());
        // A story given for the alliance only is left out altogether, not even its id.
        Assert.DoesNotContain(alliance.Id().ToString(), commissioners["stories"]!.ToJsonString());
        Assert.DoesNotContain("A private story", commissioners.ToJsonString());
        Assert.DoesNotContain("Maggie", commissioners.ToJsonString());
        Assert.Contains("A shared story", commissioners.ToJsonString());

        var (_, mdType, markdown, _) = await As(Commissioner).SendRaw(HttpMethod.Get, $"{Reviews(a)}/{spring}/summary?format=markdown", null);
        Assert.StartsWith("text/markdown", mdType);
        Assert.StartsWith("# This quarter", markdown);
        Assert.Contains("Cook together on Thursdays. So far: embedded", markdown);
        Assert.DoesNotContain("A private story", markdown);
        var (_, htmlType, html, _) = await As(Commissioner).SendRaw(HttpMethod.Get, $"{Reviews(a)}/{spring}/summary?format=html", null);
        Assert.StartsWith("text/html", htmlType);
        Assert.Contains("@media print", html);
        Assert.Contains("<h2>Follow-through on the previous review</h2>", html);
        Assert.DoesNotContain("Maggie", html);
        await As(Commissioner).Get($"{Reviews(a)}/{spring}/summary?format=pdf", expect: 400);
    }

    [Fact]
    public async Task the_summary_as_of_a_moment_shows_what_had_been_recorded_by_then()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("hls");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var r = await Open(a, "This month", today.AddDays(-30).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));
        var recent = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var first = await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: recent));
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: recent));
        await Task.Delay(50);
        var moment = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: recent));
        await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: recent));
        await As(Partner).Post($"/api/alliances/{a}/observations/{first}/retraction", new { reason = "Duplicate" }, expect: 200);
        await As(Partner).Post($"{Reviews(a)}/{r}/reflections", new { kind = "noticed", text = "Later" });
        await CatchUpProjections();

        var now = (await As(Partner).Get($"{Reviews(a)}/{r}/summary"))!;
        Assert.Equal(3, now["activity"]!["observations"]!.GetValue<int>());
        Assert.Single(now["reflections"]!.AsArray());
        var then = (await As(Partner).Get($"{Reviews(a)}/{r}/summary?asOf={Uri.EscapeDataString(moment.ToString("O"))}"))!;
        Assert.Equal(2, then["activity"]!["observations"]!.GetValue<int>());
        Assert.Empty(then["reflections"]!.AsArray());
        await As(Partner).Get($"{Reviews(a)}/{r}/summary?asOf=2000-01-01T00:00:00Z", expect: 404);
    }

    [Fact]
    public async Task indicator_movements_count_only_the_period_under_the_definition_in_force()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("hls");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var r = await Open(a, "These weeks", today.AddDays(-40).ToString("yyyy-MM-dd"), today.AddDays(-10).ToString("yyyy-MM-dd"));
        string Day(int daysAgo) => today.AddDays(-daysAgo).ToString("yyyy-MM-dd");
        var url = $"/api/alliances/{a}/indicators";
        var redefined = (await As(Partner).Post(url, new { name = "Redefined", question = "q", unit = "percent", method = "survey", proposedBy = "residents" })).Id();
        var steady = (await As(Partner).Post(url, new { name = "Steady", question = "q", unit = "count", method = "count", proposedBy = "residents" })).Id();
        var empty = (await As(Partner).Post(url, new { name = "Nothing in the period", question = "q", unit = "count", method = "count", proposedBy = "residents" })).Id();
        foreach (var (days, value) in new[] { (60, 1.0), (35, 90.0), (20, 95.0) })
            await As(Partner).Post($"{url}/{redefined}/readings", new { value, observedOn = Day(days) });
        await As(Steward).Put($"{url}/{redefined}/definition", new { question = "A sharper question" });
        // Under the new definition: before, within (two on one day, recorded in this order) and after the period.
        foreach (var (days, value) in new[] { (50, 5.0), (30, 10.0), (25, 12.0), (25, 11.0), (15, 20.0), (5, 99.0) })
            await As(Partner).Post($"{url}/{redefined}/readings", new { value, observedOn = Day(days), note = "A second count that day" });
        foreach (var (days, value) in new[] { (45, 7.0), (39, 7.0), (33, 7.0), (11, 7.0), (2, 1.0) })
            await As(Partner).Post($"{url}/{steady}/readings", new { value, observedOn = Day(days) });
        await As(Partner).Post($"{url}/{empty}/readings", new { value = 3.0, observedOn = Day(70) });
        await CatchUpProjections();

        var summary = (await As(Partner).Get($"{Reviews(a)}/{r}/summary"))!["indicators"]!.AsArray();
        var byName = summary.ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!);
        Assert.Equal(10, byName["Redefined"]["first"]!["value"]!.GetValue<double>());
        Assert.Equal(20, byName["Redefined"]["last"]!["value"]!.GetValue<double>());
        Assert.Equal(2, byName["Redefined"]["definitionVersion"]!.GetValue<int>());
        Assert.Equal(7, byName["Steady"]["last"]!["value"]!.GetValue<double>());
        Assert.Null(byName["Nothing in the period"]["first"]);
        // As the journal stands now, read with whole series and cut down in memory: the same movements.
        var whole = (await As(Partner).Get($"{Reviews(a)}/{r}/summary?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}"))!["indicators"]!;
        Assert.Equal(whole.ToJsonString(), summary.ToJsonString());
    }

    private static object StoryBody(string scope, string title) => new
    {
        title, narrative = "Maggie saved me a seat.", tellerRole = "resident",
        toldOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd"),
        consent = new { scope, identifiable = true }
    };
}
