using System.Text.Json;
using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.Stories;

public sealed class when_telling_stories(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "story-steward@example.org";
    private const string Partner = "story-partner@example.org";
    private const string Facilitator = "story-facilitator@example.org";
    private const string Commissioner = "story-commissioner@example.org";

    private static readonly object Framework = new
    {
        triads = new[] { new { key = "what-helped", prompt = "What made the difference?", labels = new[] { "A person", "A service", "Me" } } },
        dyads = new[] { new { key = "control", prompt = "How much say did you have?", left = "None", right = "All" } },
        choices = new[] { new { key = "feeling", prompt = "How do you feel?", options = new[] { "hopeful", "worried" } } }
    };

    private static object StoryBody(Guid? id = null, string scope = "commissioners", object? signifiers = null, string? expiresOn = null,
        string narrative = "I came for the food. Maggie saved me a seat.") => new
    {
        id,
        title = "Someone knew my name",
        narrative,
        tellerRole = "resident",
        toldOn = "2025-03-27",
        domainOfChange = "changes in relationships",
        consent = new { scope, identifiable = false, expiresOn },
        signifiers = signifiers ?? new
        {
            triads = new Dictionary<string, double[]> { ["what-helped"] = [0.7, 0.2, 0.1] },
            dyads = new Dictionary<string, double> { ["control"] = 0.6 },
            choices = new Dictionary<string, string> { ["feeling"] = "hopeful" }
        }
    };

    private async Task<Guid> AllianceWithFramework(string prefix)
    {
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole(prefix);
        await As($"{prefix}-facilitator@example.org").Put($"/api/alliances/{allianceId}/signification-framework", Framework);
        return allianceId;
    }

    private async Task<Guid> Tell(Guid allianceId, string prefix, object? body = null)
    {
        var created = await As($"{prefix}-partner@example.org").Post($"/api/alliances/{allianceId}/stories", body ?? StoryBody());
        return Guid.Parse(created!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_framework_is_versioned_and_an_unchanged_one_keeps_its_version()
    {
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole("fw");
        var url = $"/api/alliances/{allianceId}/signification-framework";
        await As("fw-partner@example.org").Put(url, Framework, expect: 403);
        await As(Steward).Get(url, expect: 404);

        Assert.Equal(1, (await As(Steward).Put(url, Framework))!["version"]!.GetValue<int>());
        Assert.Equal(1, (await As(Steward).Put(url, Framework))!["version"]!.GetValue<int>());
        var revised = new { choices = new[] { new { key = "feeling", prompt = "How do you feel?", options = new[] { "hopeful" } } } };
        Assert.Equal(2, (await As(Steward).Put(url, revised))!["version"]!.GetValue<int>());
        Assert.Equal(2, (await As("fw-commissioner@example.org").Get(url))!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_framework_revised_from_an_earlier_version_than_the_one_in_force_is_refused_with_the_version_now()
    {
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole("stalefw");
        var url = $"/api/alliances/{allianceId}/signification-framework";
        object Revision(string option, long expectedVersion) => new
        {
            choices = new[] { new { key = "feeling", prompt = "How do you feel?", options = new[] { option } } }, expectedVersion
        };
        Assert.Equal(1, (await As(Steward).Put(url, Revision("hopeful", 0)))!["version"]!.GetValue<int>());

        var (status, _, body, _) = await As("stalefw-facilitator@example.org").SendRaw(HttpMethod.Put, url,
            System.Text.Json.JsonSerializer.Serialize(Revision("worried", 0), JsonSerializerOptions.Web));
        Assert.Equal(409, status);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("currentVersion").GetInt64());
        Assert.Equal("hopeful", (await As(Steward).Get(url))!["choices"]![0]!["options"]![0]!.GetValue<string>());

        Assert.Equal(2, (await As("stalefw-facilitator@example.org").Put(url, Revision("worried", 1)))!["version"]!.GetValue<int>());
        Assert.Equal(2, (await As(Steward).Put(url, Revision("worried", 0)))!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_malformed_framework_names_its_bad_parts()
    {
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole("badfw");
        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Put, $"/api/alliances/{allianceId}/signification-framework",
            """{"triads":[{"key":"a b","prompt":"p","labels":["x","y"]}],"dyads":[{"key":"k","prompt":"p","left":"l"}],"choices":[{"key":"k","prompt":"p","options":[]}]}""");
        Assert.Equal(400, status);
        foreach (var field in new[] { "triads[0].key", "triads[0].labels", "dyads[0].right", "choices[0].key", "choices[0].options" })
            Assert.Contains($"\"{field}\"", body);
    }

    [Fact]
    public async Task a_story_is_recorded_with_its_signifiers_and_framework_version()
    {
        var allianceId = await AllianceWithFramework("tell");
        var id = await Tell(allianceId, "tell");

        var story = await As(Steward).Get($"/api/alliances/{allianceId}/stories/{id}");
        Assert.Equal("Someone knew my name", story!["title"]!.GetValue<string>());
        Assert.Equal(1, story["frameworkVersion"]!.GetValue<int>());
        Assert.Equal(0.7, story["signifiers"]!["triads"]!["what-helped"]![0]!.GetValue<double>());
        Assert.Equal("hopeful", story["signifiers"]!["choices"]!["feeling"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadSignifiers => new()
    {
        { """{"triads":{"what-helped":[0.5,0.2,0.1]}}""", "signifiers.triads.what-helped" },
        { """{"triads":{"what-helped":[1.2,-0.1,-0.1]}}""", "signifiers.triads.what-helped" },
        { """{"triads":{"what-helped":[0.5,0.5]}}""", "signifiers.triads.what-helped" },
        { """{"triads":{"unknown":[0.5,0.25,0.25]}}""", "signifiers.triads.unknown" },
        { """{"dyads":{"control":1.5}}""", "signifiers.dyads.control" },
        { """{"dyads":{"nope":0.5}}""", "signifiers.dyads.nope" },
        { """{"choices":{"feeling":"angry"}}""", "signifiers.choices.feeling" },
        { """{"choices":{"colour":"blue"}}""", "signifiers.choices.colour" },
    };

    [Theory]
    [MemberData(nameof(BadSignifiers))]
    public async Task signifiers_that_do_not_fit_the_framework_are_rejected_naming_the_field(string signifiers, string field)
    {
        var allianceId = await AllianceWithFramework("sig");
        var body = JsonSerializer.Serialize(StoryBody(), JsonSerializerOptions.Web);
        body = body.Replace(body[body.IndexOf("\"signifiers\"", StringComparison.Ordinal)..^1], $"\"signifiers\":{signifiers}");

        var (status, _, answer, _) = await As("sig-partner@example.org").SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/stories", body);
        Assert.Equal(400, status);
        Assert.Contains($"\"{field}\"", answer);
    }

    [Fact]
    public async Task triad_weights_within_the_tolerance_are_accepted()
    {
        var allianceId = await AllianceWithFramework("tol");
        await Tell(allianceId, "tol", StoryBody(signifiers: new { triads = new Dictionary<string, double[]> { ["what-helped"] = [0.333, 0.333, 0.333] } }));
    }

    [Fact]
    public async Task retries_are_safe_and_a_changed_retry_conflicts()
    {
        var allianceId = await AllianceWithFramework("retry");
        var id = Guid.NewGuid();
        await Tell(allianceId, "retry", StoryBody(id));
        await As("retry-partner@example.org").Post($"/api/alliances/{allianceId}/stories", StoryBody(id), expect: 200);
        await As("retry-partner@example.org").Post($"/api/alliances/{allianceId}/stories", StoryBody(id, narrative: "Different"), expect: 409);
        await using var session = Store.QuerySession(allianceId.ToString());
        Assert.Single(await session.Events.FetchStreamAsync(id));
    }

    [Fact]
    public async Task readers_see_stories_only_within_the_tellers_consent()
    {
        var allianceId = await AllianceWithFramework("vis");
        var allianceOnly = await Tell(allianceId, "vis", StoryBody(scope: "alliance"));
        var forCommissioners = await Tell(allianceId, "vis", StoryBody(scope: "commissioners"));
        var expired = await Tell(allianceId, "vis", StoryBody(scope: "public", expiresOn: "2025-04-01"));
        await CatchUpProjections();

        var commissioner = As("vis-commissioner@example.org");
        Assert.Equal([forCommissioners.ToString()], (await commissioner.Get($"/api/alliances/{allianceId}/stories")).Ids());
        await commissioner.Get($"/api/alliances/{allianceId}/stories/{allianceOnly}", expect: 404);
        await commissioner.Get($"/api/alliances/{allianceId}/stories/{expired}", expect: 404);
        Assert.Equal(2, (await As("vis-partner@example.org").Get($"/api/alliances/{allianceId}/stories")).Ids().Count());
    }

    [Fact]
    public async Task several_panels_may_select_a_story_and_each_selection_is_kept()
    {
        var allianceId = await AllianceWithFramework("msc");
        var id = await Tell(allianceId, "msc");
        var url = $"/api/alliances/{allianceId}/stories/{id}/selections";
        var selectionId = Guid.NewGuid();

        // Those who run the panels record their selections; the teller and a commissioner do not.
        await As("msc-partner@example.org").Post(url, new { panel = "Alliance board, April 2025", reason = "Trust before housing." }, expect: 403);
        await As("msc-commissioner@example.org").Post(url, new { panel = "Alliance board, April 2025", reason = "Trust before housing." }, expect: 403);
        await As(Steward).Post(url, new { id = selectionId, panel = "Alliance board, April 2025", reason = "Trust before housing." });
        await As(Steward).Post(url, new { id = selectionId, panel = "Alliance board, April 2025", reason = "Trust before housing." }, expect: 200);
        await As("msc-facilitator@example.org").Post(url, new { panel = "Residents' panel", reason = "It is about being known." });
        await As("msc-facilitator@example.org").Post(url, new { panel = "", reason = "" }, expect: 400);
        await CatchUpProjections();

        var story = await As(Steward).Get($"/api/alliances/{allianceId}/stories/{id}");
        Assert.Equal(["Alliance board, April 2025", "Residents' panel"], story!["selections"]!.AsArray().Select(s => s!["panel"]!.GetValue<string>()));
        Assert.Equal([id.ToString()], (await As(Steward).Get($"/api/alliances/{allianceId}/stories?selected=true")).Ids());
    }

    [Fact]
    public async Task withdrawal_erases_the_story_everywhere_and_leaves_only_its_id_and_the_audit()
    {
        var allianceId = await AllianceWithFramework("gone");
        var marker = $"Quillon-{Guid.NewGuid():N}";
        var id = await Tell(allianceId, "gone", new
        {
            title = $"{marker} and the key",
            narrative = $"{marker} told me about the first night in the flat.",
            tellerRole = $"{marker}'s neighbour",
            toldOn = "2025-04-02",
            domainOfChange = $"{marker} domain",
            consent = new { scope = "public", identifiable = true }
        });
        await As("gone-facilitator@example.org").Post($"/api/alliances/{allianceId}/stories/{id}/selections",
            new { panel = "Board", reason = $"Because {marker} said it best" });
        await CatchUpProjections();
        Assert.True(await Fixture.RowsMentioning(marker) > 0);

        var (status, _, answer, _) = await As("gone-partner@example.org").SendRaw(HttpMethod.Post,
            $"/api/alliances/{allianceId}/stories/{id}/consent-withdrawal", null);
        Assert.True(status == 200, answer);
        await CatchUpProjections();

        Assert.Equal(0, await Fixture.RowsMentioning(marker));
        var remaining = await As(Steward).Get($"/api/alliances/{allianceId}/stories/{id}");
        Assert.Equal(2, remaining!.AsObject().Count(p => p.Key is "id" or "withdrawn"));
        Assert.True(remaining["withdrawn"]!.GetValue<bool>());
        Assert.Null(remaining["title"]);
        Assert.Empty((await As(Steward).Get($"/api/alliances/{allianceId}/stories")).Ids());
        Assert.Equal(("gone-partner@example.org", 1), await Fixture.EventsOfType(id, "story_consent_withdrawn"));
        Assert.DoesNotContain(Fixture.Logs.Lines, line => line.Contains(marker));
        await As(Steward).Post($"/api/alliances/{allianceId}/stories/{id}/selections", new { panel = "p", reason = "r" }, expect: 409);
    }
}
