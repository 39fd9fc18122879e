using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

/// <summary>
/// Issue 29's three reports, replayed through every door a member can read: the summary as JSON, Markdown and HTML,
/// the imperative's trend, the dashboard's card and the learning review's summary (with <c>asOf</c>). Every member can
/// read the member list with its roles; here that list is a steward, a facilitator, one commissioner and three partners.
/// </summary>
public sealed class when_an_intruder_reads_check_ins(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "intruder-steward@example.org";
    private const string Partner = "intruder-partner@example.org";
    private const string Partner2 = "intruder-partner2@example.org";
    private const string Partner3 = "intruder-partner3@example.org";
    private const string Facilitator = "intruder-facilitator@example.org";
    private const string Commissioner = "intruder-commissioner@example.org";

    private static Guid Id(JsonNode? created) => Guid.Parse(created!["id"]!.GetValue<string>());

    private static object Answer(Guid imperative, int? rating, string? example = null) => new
    {
        answers = new[] { new { imperativeId = imperative, rating, example, exampleConsent = example is null ? null : new { scope = "commissioners", identifiable = false } } }
    };

    private async Task<(Guid Alliance, Guid Sharing)> Alliance()
    {
        var (a, partner) = await As(Steward).FormAllianceWithEveryRole("intruder");
        await As(Steward).AddMember(a, Partner2, "partner", partner);
        await As(Steward).AddMember(a, Partner3, "partner", partner);
        var sharing = Id(await As(Steward).Post($"/api/alliances/{a}/imperatives", new { text = "We share information before we are asked" }));
        return (a, sharing);
    }

    private async Task<Guid> Round(Guid a, string title = "Q4 2025") => Id(await As(Steward).Post($"/api/alliances/{a}/check-ins",
        new { title, periodStart = "2025-10-01", periodEnd = "2025-12-31" }));

    private async Task<Guid> Review(Guid a) => Id(await As(Steward).Post($"/api/alliances/{a}/learning-reviews",
        new { title = "Year review", periodStart = "2025-01-01", periodEnd = "2025-12-31", questions = new[] { "What changed?" } }));

    private static JsonNode Sharing(JsonNode summary) => summary["imperatives"]!.AsArray().Single()!;

    private async Task<JsonNode> Card(Guid a) =>
        (await As(Partner).Get("/api/dashboard"))!["alliances"]!.AsArray().Single(x => x!["id"]!.GetValue<Guid>() == a)!["relationalHealth"]!;

    [Fact]
    public async Task the_reported_round_does_not_tell_what_the_only_commissioner_answered()
    {
        var (a, sharing) = await Alliance();
        var round = await Round(a);
        var url = $"/api/alliances/{a}/check-ins/{round}";
        await As(Partner).Put($"{url}/answers/mine", Answer(sharing, 5));
        await As(Partner2).Put($"{url}/answers/mine", Answer(sharing, 5));
        await As(Partner3).Put($"{url}/answers/mine", Answer(sharing, 1));
        await As(Commissioner).Put($"{url}/answers/mine", Answer(sharing, 1));
        await As(Steward).Post($"{url}/close", null, expect: 200);

        var shown = Sharing((await As(Partner).Get($"{url}/summary"))!);
        Assert.Equal(4, shown["answered"]!.GetValue<int>());
        Assert.Null(shown["distribution"]);
        Assert.Null(shown["median"]);
        Assert.Equal("fewer than 5 answered", shown["withheld"]!.GetValue<string>());
        Assert.Equal(3, shown["byRole"]!["partner"]!["answered"]!.GetValue<int>());
        Assert.Null(shown["byRole"]!["partner"]!["median"]);
        Assert.Equal("<3", shown["byRole"]!["commissioner"]!["answered"]!.GetValue<string>());

        var markdown = (await As(Partner).SendRaw(HttpMethod.Get, $"{url}/summary?format=markdown", null)).Body;
        var html = (await As(Partner).SendRaw(HttpMethod.Get, $"{url}/summary?format=html", null)).Body;
        foreach (var text in new[] { markdown, html })
        {
            Assert.Contains("Answers: not shown, fewer than 5 answered", text);
            Assert.Contains("Commissioners: fewer than 3 answered", text);
            Assert.DoesNotContain("Fully", text);
            Assert.DoesNotContain("Not at all", text);
        }

        var trend = (await As(Partner).Get($"/api/alliances/{a}/imperatives/{sharing}/trend"))!;
        Assert.Null(trend["rounds"]!.AsArray().Single()!["median"]);
        Assert.Null((await Card(a))["imperatives"]!.AsArray().Single()!["median"]);
        var review = await Review(a);
        Assert.Null((await As(Partner).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!["relationships"]!["imperatives"]![0]!["median"]);
    }

    [Fact]
    public async Task two_reads_of_an_open_round_around_one_answer_differ_only_in_how_many_answered()
    {
        var (a, sharing) = await Alliance();
        var earlier = await Round(a, "Q3 2025");
        await As(Steward).Post($"/api/alliances/{a}/check-ins/{earlier}/close", null, expect: 200);
        var round = await Round(a);
        var url = $"/api/alliances/{a}/check-ins/{round}";
        var people = new[] { Partner, Partner2, Partner3, Facilitator, Steward };
        for (var p = 0; p < people.Length; p++)
            await As(people[p]).Put($"{url}/answers/mine", Answer(sharing, p % 2 == 0 ? 4 : 2, p == 0 ? "They called us first" : null));

        async Task<string[]> ReadEverything() =>
        [
            (await As(Partner).Get($"{url}/summary"))!.ToJsonString(),
            (await As(Partner).SendRaw(HttpMethod.Get, $"{url}/summary?format=markdown", null)).Body,
            (await As(Partner).SendRaw(HttpMethod.Get, $"{url}/summary?format=html", null)).Body,
            (await As(Partner).Get($"/api/alliances/{a}/imperatives/{sharing}/trend"))!.ToJsonString(),
            (await Card(a)).ToJsonString()
        ];
        var before = await ReadEverything();
        await As(Commissioner).Put($"{url}/answers/mine", Answer(sharing, 1));
        var after = await ReadEverything();

        var shown = Sharing(JsonNode.Parse(after[0])!);
        Assert.Null(shown["distribution"]);
        Assert.Null(shown["median"]);
        Assert.Equal("the round is open: answers show once it closes", shown["withheld"]!.GetValue<string>());
        Assert.Empty(shown["byRole"]!.AsObject());
        Assert.Empty(shown["examples"]!.AsArray());
        Assert.Empty(shown["wouldHelp"]!.AsArray());
        Assert.Equal(6, JsonNode.Parse(after[0])!["respondents"]!.GetValue<int>());
        Assert.Equal(6, JsonNode.Parse(after[0])!["eligible"]!.GetValue<int>());
        Assert.Contains("6 of 6 have answered", after[1]);
        // What changed between the reads is how many answered, and nothing else, in every format.
        Assert.Equal(before[0].Replace("\"respondents\":5", "\"respondents\":6").Replace("\"answered\":5", "\"answered\":6"), after[0]);
        Assert.Equal(before[1].Replace("5 of 6 have", "6 of 6 have").Replace("Answered: 5", "Answered: 6"), after[1]);
        Assert.Equal(before[2].Replace("5 of 6 have", "6 of 6 have").Replace("Answered: 5", "Answered: 6"), after[2]);
        // The open round is in neither the trend nor the dashboard's card: they show the closed round before it.
        Assert.Equal(before[3], after[3]);
        Assert.Equal(before[4], after[4]);
        Assert.Equal(earlier, JsonNode.Parse(after[4])!["latestCheckIn"]!.GetValue<Guid>());
        Assert.Equal([earlier], JsonNode.Parse(after[3])!["rounds"]!.AsArray().Select(r => r!["checkInId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task stepping_a_review_through_a_round_never_replays_its_answers()
    {
        var (a, sharing) = await Alliance();
        var review = await Review(a);
        var round = await Round(a);
        var url = $"/api/alliances/{a}/check-ins/{round}";
        var people = new[] { Partner, Partner2, Partner3, Facilitator, Steward };
        foreach (var person in people) await As(person).Put($"{url}/answers/mine", Answer(sharing, 3));
        // One changes their mind before the round closes: the 3 they gave first is nobody's answer any more.
        await As(Steward).Put($"{url}/answers/mine", Answer(sharing, 5));
        await As(Commissioner).Put($"{url}/answers/mine", Answer(sharing, 4));
        await As(Steward).Post($"{url}/close", null, expect: 200);
        var reviewUrl = $"/api/alliances/{a}/learning-reviews/{review}/summary";
        var final = (await As(Partner).Get(reviewUrl))!["relationships"]!;
        Assert.Equal(3, final["imperatives"]![0]!["median"]!.GetValue<double>());

        IReadOnlyList<DateTimeOffset> moments;
        await using (var session = Store.QuerySession(a.ToString()))
            moments = [.. (await session.Events.FetchStreamAsync(round)).Select(e => e.Timestamp)];
        for (var i = 0; i < moments.Count; i++)
        {
            var then = (await As(Partner).Get($"{reviewUrl}?asOf={Uri.EscapeDataString(moments[i].ToString("O"))}"))!["relationships"]!;
            if (i < moments.Count - 1)
            {
                // Before the round closed it is not part of the review at all, however far its answers had got.
                Assert.Empty(then["checkIns"]!.AsArray());
                Assert.Empty(then["imperatives"]!.AsArray());
            }
            else Assert.Equal(final.ToJsonString(), then.ToJsonString());
        }
    }

    [Fact]
    public async Task an_example_names_a_role_only_where_three_or_more_of_it_answered()
    {
        var (a, sharing) = await Alliance();
        var round = await Round(a);
        var url = $"/api/alliances/{a}/check-ins/{round}";
        await As(Steward).Put($"{url}/answers/mine", Answer(sharing, 2, "The budget came late again"));
        await As(Partner).Put($"{url}/answers/mine", Answer(sharing, 4, "They called us before the panel met"));
        await As(Partner2).Put($"{url}/answers/mine", Answer(sharing, 3));
        await As(Partner3).Put($"{url}/answers/mine", Answer(sharing, 4));
        await As(Facilitator).Put($"{url}/answers/mine", Answer(sharing, 3));
        // Three answered in roles under 3 (steward, facilitator, commissioner): an example without a role is one of theirs.
        await As(Commissioner).Put($"{url}/answers/mine", Answer(sharing, 5));
        await As(Steward).Post($"{url}/close", null, expect: 200);

        var examples = Sharing((await As(Commissioner).Get($"{url}/summary"))!)["examples"]!.AsArray()
            .ToDictionary(e => e!["text"]!.GetValue<string>(), e => e!["role"]?.GetValue<string>());
        Assert.Null(examples["The budget came late again"]);
        Assert.Equal("partner", examples["They called us before the panel met"]);

        var markdown = (await As(Commissioner).SendRaw(HttpMethod.Get, $"{url}/summary?format=markdown", null)).Body;
        var html = (await As(Commissioner).SendRaw(HttpMethod.Get, $"{url}/summary?format=html", null)).Body;
        foreach (var text in new[] { markdown, html })
        {
            Assert.Contains("Example: The budget came late again", text);
            Assert.Contains("Example from a partner: They called us before the panel met", text);
            Assert.DoesNotContain("Example from a steward", text);
        }
        var review = await Review(a);
        var reviewText = (await As(Commissioner).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/learning-reviews/{review}/summary?format=markdown", null)).Body;
        Assert.Contains("Example of “We share information before we are asked”: The budget came late again", reviewText);
        Assert.DoesNotContain("(steward)", reviewText);
        Assert.Null((await As(Commissioner).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!["relationships"]!["imperatives"]![0]!["examples"]!
            .AsArray().Single(e => e!["text"]!.GetValue<string>() == "The budget came late again")!["role"]);
    }
}
