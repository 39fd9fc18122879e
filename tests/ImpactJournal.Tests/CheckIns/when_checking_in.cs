using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

public sealed class when_checking_in(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "checkin-steward@example.org";
    private const string Partner = "checkin-partner@example.org";
    private const string Partner2 = "checkin-partner2@example.org";
    private const string Facilitator = "checkin-facilitator@example.org";
    private const string Commissioner = "checkin-commissioner@example.org";

    private async Task<(Guid Alliance, Guid Sharing, Guid LivedExperience)> AllianceWithImperatives()
    {
        var (alliance, partner) = await As(Steward).FormAllianceWithEveryRole("checkin");
        await As(Steward).AddMember(alliance, Partner2, "partner", partner);
        var sharing = Id(await As(Steward).Post($"/api/alliances/{alliance}/imperatives", new { text = "We share information before we are asked" }));
        var lived = Id(await As(Steward).Post($"/api/alliances/{alliance}/imperatives", new { text = "People with lived experience shape decisions" }));
        return (alliance, sharing, lived);
    }

    private static Guid Id(JsonNode? created) => Guid.Parse(created!["id"]!.GetValue<string>());

    private static object Answers(Guid imperative, int? rating, string? example = null, string scope = "alliance") => new
    {
        answers = new[] { new { imperativeId = imperative, rating, example, exampleConsent = example is null ? null : new { scope, identifiable = false }, wouldHelp = "Monthly huddles" } }
    };

    [Fact]
    public async Task stewards_open_rounds_once_and_only_stewards_may()
    {
        var (alliance, _, _) = await AllianceWithImperatives();
        var url = $"/api/alliances/{alliance}/check-ins";
        var body = new { id = Guid.NewGuid(), title = "Spring check-in", periodStart = "2026-03-01", periodEnd = "2026-05-31" };
        var created = await As(Steward).Post(url, body);
        await As(Steward).Post(url, body, expect: 200);
        await As(Steward).Post(url, body with { title = "Another" }, expect: 409);
        await As(Partner).Post(url, new { title = "Mine", periodStart = "2026-03-01", periodEnd = "2026-05-31" }, expect: 403);
        var invalid = await As(Steward).Post(url, new { title = "", periodStart = "2026-05-01", periodEnd = "2026-03-01" }, expect: 400);
        Assert.NotNull(invalid!["errors"]!["title"]);
        Assert.NotNull(invalid["errors"]!["periodEnd"]);
        Assert.Equal(body.id.ToString(), created!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task each_person_sees_only_their_own_ratings_and_everyone_the_distribution_of_five_once_the_round_closes()
    {
        var (alliance, sharing, lived) = await AllianceWithImperatives();
        var round = Id(await As(Steward).Post($"/api/alliances/{alliance}/check-ins", new { title = "Q1", periodStart = "2026-01-01", periodEnd = "2026-03-31" }));
        var url = $"/api/alliances/{alliance}/check-ins/{round}";

        await As(Partner).Put($"{url}/answers/mine", Answers(sharing, 4, "They called us before the panel met"));
        await As(Commissioner).Put($"{url}/answers/mine", Answers(sharing, 2, "Figures arrived late", scope: "commissioners"));
        var tooFew = (await As(Commissioner).Get($"{url}/summary"))!["imperatives"]!.AsArray().Single(i => (string?)i!["imperativeId"] == sharing.ToString())!;
        Assert.Equal(2, tooFew["answered"]!.GetValue<int>());
        Assert.Null(tooFew["distribution"]);
        Assert.Equal("the round is open: answers show once it closes", (string?)tooFew["withheld"]);
        Assert.Equal("the round is open: answers show once it closes", (string?)tooFew["tooFew"]);
        Assert.Null(tooFew["median"]);

        await As(Facilitator).Put($"{url}/answers/mine", Answers(sharing, null));
        await As(Steward).Put($"{url}/answers/mine", Answers(sharing, 5));
        await As(Partner2).Put($"{url}/answers/mine", Answers(sharing, 4));
        // Changing one's mind replaces the earlier answer; sending it again changes nothing.
        await As(Partner).Put($"{url}/answers/mine", Answers(sharing, 3, "They called us before the panel met"));
        await As(Partner).Put($"{url}/answers/mine", Answers(sharing, 3, "They called us before the panel met"));

        var mine = await As(Partner).Get($"{url}/answers/mine");
        Assert.Equal(3, mine!["answers"]![0]!["rating"]!.GetValue<int>());
        var nobodyElses = await As(Commissioner).Get($"{url}/answers/mine");
        Assert.Equal(2, nobodyElses!["answers"]!.AsArray().Single()!["rating"]!.GetValue<int>());

        await As(Steward).Post($"{url}/close", new { }, expect: 200);
        var asCommissioner = await As(Commissioner).Get($"{url}/summary");
        Assert.Equal(5, asCommissioner!["respondents"]!.GetValue<int>());
        var shown = asCommissioner["imperatives"]!.AsArray().Single(i => (string?)i!["imperativeId"] == sharing.ToString())!;
        Assert.Equal(5, shown["answered"]!.GetValue<int>());
        Assert.Equal("""{"1":0,"2":1,"3":1,"4":1,"5":1,"cantSay":1}""", shown["distribution"]!.ToJsonString());
        Assert.Equal(3.5, shown["median"]!.GetValue<double>());
        // Alliance-scope examples reach no commissioner; commissioner-scope ones do.
        Assert.Equal(["Figures arrived late"], shown["examples"]!.AsArray().Select(e => (string?)e!["text"]));
        var asPartner = await As(Partner).Get($"{url}/summary");
        Assert.Equal(2, asPartner!["imperatives"]!.AsArray().Single(i => (string?)i!["imperativeId"] == sharing.ToString())!["examples"]!.AsArray().Count);
        // What would help reaches the alliance without names once the distribution shows, and no commissioner.
        Assert.Equal(5, asPartner["imperatives"]!.AsArray().Single(i => (string?)i!["imperativeId"] == sharing.ToString())!["wouldHelp"]!.AsArray().Count);
        Assert.Empty(shown["wouldHelp"]!.AsArray());
        Assert.Empty(tooFew["wouldHelp"]!.AsArray());
        var unanswered = asPartner["imperatives"]!.AsArray().Single(i => (string?)i!["imperativeId"] == lived.ToString())!;
        Assert.Equal(0, unanswered["answered"]!.GetValue<int>());
        Assert.DoesNotContain("\"rating\"", asPartner.ToJsonString());
    }

    [Fact]
    public async Task bad_answers_are_refused_with_each_field_named_and_a_closed_round_takes_no_more()
    {
        var (alliance, sharing, _) = await AllianceWithImperatives();
        var round = Id(await As(Steward).Post($"/api/alliances/{alliance}/check-ins", new { title = "Q2", periodStart = "2026-04-01", periodEnd = "2026-06-30" }));
        var url = $"/api/alliances/{alliance}/check-ins/{round}";

        var bad = await As(Partner).Put($"{url}/answers/mine", new
        {
            answers = new object[]
            {
                new { imperativeId = sharing, rating = 6 },
                new { imperativeId = Guid.NewGuid(), rating = 3 },
                new { imperativeId = sharing, rating = 2, example = "No consent given" }
            }
        }, expect: 400);
        var errors = bad!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("answers[0].rating", errors);
        Assert.Contains("answers[1].imperativeId", errors);
        Assert.Contains("answers[2].imperativeId", errors);
        Assert.Contains("answers[2].exampleConsent.scope", errors);
        Assert.Empty((await As(Partner).Get($"{url}/answers/mine"))!["answers"]!.AsArray());

        await As(Partner).Put($"{url}/answers/mine", Answers(sharing, 4));
        await As(Partner).Post($"{url}/close", new { }, expect: 403);
        await As(Steward).Post($"{url}/close", new { }, expect: 200);
        await As(Steward).Post($"{url}/close", new { }, expect: 200);
        await As(Partner).Put($"{url}/answers/mine", Answers(sharing, 2), expect: 409);
        await As(Partner).Put($"{url}/answers/mine", Answers(sharing, 4));
        Assert.Equal("closed", (string?)(await As(Partner).Get($"{url}/summary"))!["status"]);

        var (other, _) = await As("elsewhere-steward@example.org").FormAllianceWithEveryRole("elsewhere");
        await As("elsewhere-steward@example.org").Get($"/api/alliances/{other}/check-ins/{round}/summary", expect: 404);
        await As(Steward).Get($"/api/alliances/{alliance}/check-ins/{Guid.NewGuid()}/summary", expect: 404);
    }
}
