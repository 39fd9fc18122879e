using System.Text;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Indicators;

public sealed class when_tracking_indicators(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "ind-steward@example.org";
    private const string Partner = "ind-partner@example.org";
    private const string Facilitator = "ind-facilitator@example.org";
    private const string Commissioner = "ind-commissioner@example.org";

    private static string Indicators(Guid a) => $"/api/alliances/{a}/indicators";

    private static object Proposal(Guid? id = null, string name = "Someone to call") => new
    {
        id, name, question = "Do you have someone to call in a crisis?", unit = "percent",
        method = "Door-knock survey of 40 households each quarter", proposedBy = "Marlow Street residents",
        narrativeOfSuccess = "Nobody on the street is alone when things go wrong."
    };

    private async Task<(Guid Alliance, Guid Indicator)> Proposed()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("ind");
        var created = await As(Partner).Post(Indicators(a), Proposal());
        return (a, created.Id());
    }

    private Task<System.Text.Json.Nodes.JsonNode?> Read(Guid a, Guid i, double value, string on, string? note = null, Guid? id = null, int expect = 201) =>
        As(Partner).Post($"{Indicators(a)}/{i}/readings", new { id, value, observedOn = on, sampleSize = 40, source = "survey", note }, expect);

    [Fact]
    public async Task an_indicator_is_proposed_adopted_and_retired_by_the_right_people()
    {
        var (a, i) = await Proposed();
        var detail = (await As(Commissioner).Get($"{Indicators(a)}/{i}"))!;
        Assert.Equal("proposed", detail["status"]!.GetValue<string>());
        Assert.Equal("Marlow Street residents", detail["proposedBy"]!.GetValue<string>());
        Assert.Equal(1, detail["definition"]!["version"]!.GetValue<int>());

        await As(Commissioner).Post(Indicators(a), Proposal(), expect: 403);
        await As(Partner).Post($"{Indicators(a)}/{i}/adoption", new { adoptedOn = "2025-02-01" }, expect: 403);
        await As(Facilitator).Post($"{Indicators(a)}/{i}/adoption", new { adoptedOn = "2025-02-01" }, expect: 200);
        await As(Facilitator).Post($"{Indicators(a)}/{i}/adoption", new { adoptedOn = "2025-02-01" }, expect: 200);
        await As(Facilitator).Post($"{Indicators(a)}/{i}/adoption", new { adoptedOn = "2025-03-01" }, expect: 409);
        Assert.Equal("adopted", (await As(Commissioner).Get($"{Indicators(a)}/{i}"))!["status"]!.GetValue<string>());

        await As(Facilitator).Post($"{Indicators(a)}/{i}/retirement", new { reason = "The survey stopped" }, expect: 200);
        await Read(a, i, 50, "2025-04-01", expect: 409);
        await As(Facilitator).Put($"{Indicators(a)}/{i}/definition", new { unit = "count" }, expect: 409);
        Assert.Equal("retired", (await As(Commissioner).Get($"{Indicators(a)}/{i}"))!["status"]!.GetValue<string>());

        await As(Partner).Post(Indicators(a), new { name = "x", question = "q", unit = "furlongs", method = "m", proposedBy = "p" }, expect: 400);
        await As(Partner).Post(Indicators(a), new { name = "", unit = "count" }, expect: 400);
        await As("stranger@example.org").Get($"{Indicators(a)}/{i}", expect: 404);
    }

    [Fact]
    public async Task readings_are_idempotent_and_a_second_on_one_day_needs_a_note()
    {
        var (a, i) = await Proposed();
        var id = Guid.NewGuid();
        await Read(a, i, 55, "2025-01-10", id: id);
        await Read(a, i, 55, "2025-01-10", id: id, expect: 200);
        await Read(a, i, 56, "2025-01-10", id: id, expect: 409);
        await Read(a, i, 57, "2025-01-10", expect: 409);
        await Read(a, i, 57, "2025-01-10", note: "A second street surveyed the same day");
        await Read(a, i, 1e13, "2025-01-11", expect: 400);
        await As(Partner).Post($"{Indicators(a)}/{i}/readings", new { value = 1, observedOn = "2025-13-01" }, expect: 400);
        var obs = await As(Partner).LogObservation(a, ObservationBuilder.Body());
        await As(Partner).Post($"{Indicators(a)}/{i}/readings", new { value = 1, observedOn = "2025-01-12", linked = new[] { new { kind = "observation", id = obs } } });
        await As(Partner).Post($"{Indicators(a)}/{i}/readings", new { value = 1, observedOn = "2025-01-13", linked = new[] { new { kind = "story", id = obs } } }, expect: 400);
        await As(Commissioner).Post($"{Indicators(a)}/{i}/readings", new { value = 1, observedOn = "2025-01-14" }, expect: 403);

        var trend = (await As(Commissioner).Get($"{Indicators(a)}/{i}/trend"))!;
        Assert.Equal(3, trend["series"]!.AsArray().Count);
        Assert.Equal(obs.ToString(), trend["linked"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_trend_has_baseline_latest_changes_and_direction_but_no_target()
    {
        var (a, i) = await Proposed();
        double[] values = [40, 44, 47, 52, 55, 59];
        for (var w = 0; w < values.Length; w++) await Read(a, i, values[w], new DateOnly(2025, 1, 6).AddDays(7 * w).ToString("yyyy-MM-dd"));

        var review = (await As(Facilitator).Post($"/api/alliances/{a}/learning-reviews",
            new { title = "Winter review", periodStart = "2025-01-01", periodEnd = "2025-01-25", questions = new[] { "What helped?" } })).Id();
        await As(Facilitator).Post($"/api/alliances/{a}/learning-reviews/{review}/close", new { summary = "Good start" }, expect: 200);

        var trend = (await As(Commissioner).Get($"{Indicators(a)}/{i}/trend"))!;
        Assert.Equal("rising", trend["direction"]!.GetValue<string>());
        Assert.Equal(40, trend["baseline"]!["value"]!.GetValue<double>());
        Assert.Equal(59, trend["latest"]!["value"]!.GetValue<double>());
        Assert.Equal(19, trend["changeSinceBaseline"]!["absolute"]!.GetValue<double>());
        Assert.Equal(19 / 40.0, trend["changeSinceBaseline"]!["relative"]!.GetValue<double>(), 9);
        var sinceReview = trend["changeSinceLastReview"]!;
        Assert.Equal(review.ToString(), sinceReview["reviewId"]!.GetValue<string>());
        Assert.Equal(47, sinceReview["since"]!["value"]!.GetValue<double>());
        Assert.Equal(12, sinceReview["change"]!["absolute"]!.GetValue<double>());
        Assert.Contains("Theil", trend["method"]!.GetValue<string>());
        var json = trend.ToJsonString().ToLowerInvariant();
        foreach (var word in new[] { "target", "threshold", "rag", "\"red\"", "amber", "\"green\"" }) Assert.DoesNotContain(word, json);

        var list = (await As(Commissioner).Get(Indicators(a)))!["items"]!.AsArray().Single()!;
        Assert.Equal("rising", list["direction"]!.GetValue<string>());
        Assert.Equal(59, list["latest"]!["value"]!.GetValue<double>());

        await Read(a, i, 1, "2025-03-01", expect: 201);
        var few = (await As(Partner).Post(Indicators(a), Proposal(name: "Nights nobody slept out"))).Id();
        await Read(a, few, 3, "2025-01-01");
        Assert.Equal("insufficient-data", (await As(Partner).Get($"{Indicators(a)}/{few}/trend"))!["direction"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_new_question_makes_a_new_definition_version_and_asOf_shows_the_trend_then()
    {
        var (a, i) = await Proposed();
        await Read(a, i, 40, "2025-01-01");
        await Read(a, i, 42, "2025-01-08");
        var then = (await As(Partner).Get($"{Indicators(a)}/{i}"))!;
        await Task.Delay(20);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        await As(Facilitator).Put($"{Indicators(a)}/{i}/definition", new { name = "Someone to call (renamed)" });
        Assert.Equal(1, (await As(Partner).Get($"{Indicators(a)}/{i}"))!["definition"]!["version"]!.GetValue<int>());
        var changed = await As(Facilitator).Put($"{Indicators(a)}/{i}/definition", new { question = "Could you name someone to call tonight?" });
        Assert.Equal(2, changed!["definitionVersion"]!.GetValue<int>());
        await Read(a, i, 70, "2025-01-15");

        var trend = (await As(Partner).Get($"{Indicators(a)}/{i}/trend"))!;
        Assert.Equal(2, trend["definitionVersion"]!.GetValue<int>());
        Assert.Equal([1, 1, 2], trend["series"]!.AsArray().Select(p => p!["definitionVersion"]!.GetValue<int>()));
        Assert.Equal(70, trend["baseline"]!["value"]!.GetValue<double>());
        Assert.Equal("insufficient-data", trend["direction"]!.GetValue<string>());

        var past = (await As(Partner).Get($"{Indicators(a)}/{i}/trend?asOf={Uri.EscapeDataString(before.ToString("O"))}"))!;
        Assert.Equal(1, past["definitionVersion"]!.GetValue<int>());
        Assert.Equal(2, past["series"]!.AsArray().Count);
        Assert.Equal(then["name"]!.GetValue<string>(), past["name"]!.GetValue<string>());
        await As(Partner).Get($"{Indicators(a)}/{Guid.NewGuid()}/trend", expect: 404);
    }

    [Fact]
    public async Task readings_import_from_csv_and_export_to_csv()
    {
        var (a, i) = await Proposed();
        var known = Guid.NewGuid();
        await Read(a, i, 10, "2025-01-01", id: known);
        var csv = "\uFEFFid,observedOn,value,sampleSize,source,note\r\n"
            + $"{known},2025-01-01,10,40,survey,\r\n"
            + ",2025-01-08,12.5,40,survey,\r\n"
            + ",2025-01-08,13,40,survey,\r\n"
            + ",2025-01-15,abc,40,survey,\r\n"
            + ",2025-01-22,14,40,\"survey, door-knock\",\"second street,\nsame week\"\r\n";
        var (status, _, body, _) = await As(Partner).SendRaw(HttpMethod.Post, $"{Indicators(a)}/{i}/readings/import", csv, "text/csv");
        Assert.Equal(200, status);
        var result = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Assert.Equal(2, result["imported"]!.GetValue<long>());
        Assert.Equal(1, result["duplicates"]!.GetValue<long>());
        Assert.Equal([4L, 5L], result["rejected"]!.AsArray().Select(r => r!["line"]!.GetValue<long>()));

        var (_, contentType, exported, _) = await As(Commissioner).SendRaw(HttpMethod.Get, $"{Indicators(a)}/{i}/readings?format=csv", null);
        Assert.StartsWith("text/csv", contentType);
        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,observedOn,value,definitionVersion", lines[0]);
        Assert.Contains("\"survey, door-knock\"", exported);
        Assert.Equal(3, (await As(Commissioner).Get($"{Indicators(a)}/{i}/readings"))!.AsArray().Count);

        var wrongType = await As(Partner).SendBytes(HttpMethod.Post, $"{Indicators(a)}/{i}/readings/import", Encoding.UTF8.GetBytes(csv), "application/json");
        Assert.Equal(415, wrongType.Status);
        var badHeader = await As(Partner).SendRaw(HttpMethod.Post, $"{Indicators(a)}/{i}/readings/import", "when,how much\r\n", "text/csv");
        Assert.Equal(400, badHeader.Status);
    }
}
