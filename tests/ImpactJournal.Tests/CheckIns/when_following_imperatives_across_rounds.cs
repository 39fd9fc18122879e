using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

public sealed class when_following_imperatives_across_rounds(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "rounds-steward@example.org";
    private const string Partner = "rounds-partner@example.org";
    private const string Facilitator = "rounds-facilitator@example.org";
    private const string Commissioner = "rounds-commissioner@example.org";
    private const string Partner2 = "rounds-partner2@example.org";

    private static Guid Id(JsonNode? created) => Guid.Parse(created!["id"]!.GetValue<string>());

    private static object Answer(Guid imperative, int? rating, string? example = null, string scope = "alliance") => new
    {
        answers = new[] { new { imperativeId = imperative, rating, example, exampleConsent = example is null ? null : new { scope, identifiable = false } } }
    };

    /// <summary>Four closed quarterly rounds in which the five members' ratings of "sharing" climb from 1–2 to 4–5.</summary>
    private async Task<(Guid Alliance, Guid Sharing, Guid Partner, List<Guid> Rounds)> FourRounds()
    {
        var (a, partner) = await As(Steward).FormAllianceWithEveryRole("rounds");
        await As(Steward).AddMember(a, Partner2, "partner", partner);
        var sharing = Id(await As(Steward).Post($"/api/alliances/{a}/imperatives", new { text = "We share information before we are asked" }));
        int[][] ratings = [[1, 2, 1, 2, 2], [2, 3, 2, 3, 3], [3, 4, 3, 4, 4], [4, 5, 4, 5, 5]];
        var rounds = new List<Guid>();
        for (var q = 0; q < 4; q++)
        {
            var start = new DateOnly(2025, 1, 1).AddMonths(3 * q);
            var round = Id(await As(Steward).Post($"/api/alliances/{a}/check-ins",
                new { title = $"Q{q + 1} 2025", periodStart = start.ToString("yyyy-MM-dd"), periodEnd = start.AddMonths(3).AddDays(-1).ToString("yyyy-MM-dd") }));
            string[] people = [Partner, Facilitator, Commissioner, Steward, Partner2];
            for (var p = 0; p < people.Length; p++)
                await As(people[p]).Put($"/api/alliances/{a}/check-ins/{round}/answers/mine",
                    Answer(sharing, ratings[q][p], p == 0 ? $"Shared the rota early <b>*{q}*</b>" : null));
            await As(Steward).Post($"/api/alliances/{a}/check-ins/{round}/close", null, expect: 200);
            rounds.Add(round);
        }
        return (a, sharing, partner, rounds);
    }

    [Fact]
    public async Task an_imperative_has_a_trend_of_its_round_medians_by_the_indicator_method()
    {
        var (a, sharing, _, rounds) = await FourRounds();
        var trend = (await As(Commissioner).Get($"/api/alliances/{a}/imperatives/{sharing}/trend"))!;
        Assert.Equal(rounds, trend["rounds"]!.AsArray().Select(r => r!["checkInId"]!.GetValue<Guid>()));
        Assert.Equal([2.0, 3, 4, 5], trend["rounds"]!.AsArray().Select(r => r!["median"]!.GetValue<double>()));
        Assert.Equal("rising", trend["direction"]!.GetValue<string>());
        Assert.Contains("Theil", trend["method"]!.GetValue<string>());
        await As(Commissioner).Get($"/api/alliances/{a}/imperatives/{Guid.NewGuid()}/trend", expect: 404);

        var list = (await As(Partner).Get($"/api/alliances/{a}/check-ins"))!.AsArray();
        Assert.Equal(Enumerable.Reverse(rounds), list.Select(r => r!["id"]!.GetValue<Guid>()));
        Assert.All(list, r => Assert.True(r!["answered"]!.GetValue<bool>()));
        Assert.All(list, r => Assert.Equal("closed", r!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task the_round_summary_reads_as_markdown_and_as_a_printable_page_with_typed_text_escaped()
    {
        var (a, _, _, rounds) = await FourRounds();
        var url = $"/api/alliances/{a}/check-ins/{rounds[^1]}/summary";
        var (status, type, markdown, _) = await As(Partner).SendRaw(HttpMethod.Get, $"{url}?format=markdown", null);
        Assert.Equal(200, status);
        Assert.StartsWith("text/markdown", type);
        Assert.Contains("# Q4 2025", markdown);
        Assert.Contains("## We share information before we are asked", markdown);
        Assert.Contains("Answers: Not at all 0, Rarely 0, Sometimes 0, Mostly 2, Fully 3, Can't say 0", markdown);
        Assert.Contains("Middle answer: Fully \\(5\\)", markdown);
        Assert.Contains("Shared the rota early \\<b\\>\\*3\\*\\</b\\>", markdown);

        var (_, htmlType, html, _) = await As(Partner).SendRaw(HttpMethod.Get, $"{url}?format=html", null);
        Assert.StartsWith("text/html", htmlType);
        Assert.Contains("<h2>We share information before we are asked</h2>", html);
        Assert.Contains("Shared the rota early &lt;b&gt;*3*&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>", html);
        // The alliance-scope example reaches no commissioner, in any format.
        Assert.DoesNotContain("Shared the rota", (await As(Commissioner).SendRaw(HttpMethod.Get, $"{url}?format=html", null)).Body);
        await As(Partner).Get($"{url}?format=pdf", expect: 400);
    }

    [Fact]
    public async Task a_learning_review_gains_a_relationships_section()
    {
        var (a, sharing, partner, _) = await FourRounds();
        var foodhub = await As(Steward).AddPartner(a, "Foodhub", "community-group");
        await As(Partner).LogObservation(a, new
        {
            text = "Cooked together", observedAt = "2025-11-02T10:00:00Z", themes = new[] { "food" }, capitals = new[] { "social" },
            valence = "generative", consent = new { scope = "public", identifiable = false }, withPartners = new[] { foodhub }
        });
        await CatchUpProjections();
        var review = Id(await As(Steward).Post($"/api/alliances/{a}/learning-reviews",
            new { title = "Autumn review", periodStart = "2025-10-01", periodEnd = "2025-12-31", questions = new[] { "What changed?" } }));

        var summary = (await As(Facilitator).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!;
        var relationships = summary["relationships"]!;
        Assert.Single(relationships["checkIns"]!.AsArray());
        var moved = relationships["imperatives"]!.AsArray().Single()!;
        Assert.Equal(sharing, moved["imperativeId"]!.GetValue<Guid>());
        Assert.Equal(5, moved["median"]!.GetValue<double>());
        Assert.Equal(4, moved["previousMedian"]!.GetValue<double>());
        Assert.Equal("rising", moved["direction"]!.GetValue<string>());
        Assert.Equal(1.0, relationships["density"]!.GetValue<double>());
        var tie = Assert.Single(relationships["newTies"]!.AsArray())!;
        Assert.Equal(new HashSet<Guid> { partner, foodhub }, [tie["from"]!.GetValue<Guid>(), tie["to"]!.GetValue<Guid>()]);

        var markdown = (await As(Facilitator).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/learning-reviews/{review}/summary?format=markdown", null)).Body;
        Assert.Contains("## Relationships", markdown);
        Assert.Contains(" first worked together on ", markdown);
        var asCommissioner = (await As(Commissioner).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!;
        Assert.Empty(asCommissioner["relationships"]!["imperatives"]![0]!["examples"]!.AsArray());
    }
}
