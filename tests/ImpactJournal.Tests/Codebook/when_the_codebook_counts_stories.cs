using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Codebook;

/// <summary>
/// The codebook counts the themes stories are coded with beside observations and ripples: only the stories the reader
/// may read (consent scope, expiry, never withdrawn ones), with commissioners' small numbers reading "&lt;5"; a theme
/// found only on stories is renamed, merged and described like any other, and its page shows stories as examples.
/// </summary>
public sealed class when_the_codebook_counts_stories(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "cbs-steward@example.org";
    private const string Partner = "cbs-partner@example.org";
    private const string Facilitator = "cbs-facilitator@example.org";
    private const string Commissioner = "cbs-commissioner@example.org";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static object Story(string title, string[] themes, string scope = "commissioners", bool identifiable = true,
        DateOnly? toldOn = null, DateOnly? expiresOn = null) => new
    {
        title, narrative = $"{title}, as it happened.", tellerRole = "young person", toldOn = (toldOn ?? Today).ToString("yyyy-MM-dd"),
        themes, consent = new { scope, identifiable, expiresOn = expiresOn?.ToString("yyyy-MM-dd") }
    };

    private async Task<Guid> Tell(Guid a, object story) => (await As(Partner).Post($"/api/alliances/{a}/stories", story)).Id();

    private static string Codebook(Guid a) => $"/api/alliances/{a}/codebook";

    private static JsonNode Theme(JsonNode? codebook, string name) =>
        codebook!["themes"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == name)!;

    private static string[] Names(JsonNode? codebook) => [.. codebook!["themes"]!.AsArray().Select(t => t!["name"]!.GetValue<string>())];

    [Fact]
    public async Task stewards_count_every_story_and_commissioners_only_those_they_may_read()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbs");
        for (var i = 0; i < 6; i++) await Tell(a, Story($"Youth club night {i}", ["belonging"]));
        await Tell(a, Story("Kept for the alliance", ["belonging"], scope: "alliance"));
        await Tell(a, Story("Consent long expired", ["belonging"], toldOn: Today.AddYears(-2), expiresOn: Today.AddYears(-1)));
        var withdrawn = await Tell(a, Story("Taken back", ["belonging"]));
        await As(Partner).Post($"/api/alliances/{a}/stories/{withdrawn}/consent-withdrawal", new { }, expect: 200);
        await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "A new member at the club.", themes: ["belonging"], scope: "commissioners"));
        await CatchUpProjections();

        var forSteward = Theme(await As(Steward).Get(Codebook(a)), "belonging");
        Assert.Equal((1, 7, 8), (forSteward["observations"]!.GetValue<int>(), forSteward["stories"]!.GetValue<int>(), forSteward["total"]!.GetValue<int>()));
        var forCommissioner = Theme(await As(Commissioner).Get(Codebook(a)), "belonging");
        Assert.Equal(6, forCommissioner["stories"]!.GetValue<int>());

        var page = await As(Commissioner).Get($"{Codebook(a)}/themes/belonging");
        Assert.Equal(6, page!["theme"]!["stories"]!.GetValue<int>());
        var thisWeek = page["weeks"]!.AsArray()[^1]!;
        Assert.Equal(6, thisWeek["stories"]!.GetValue<int>());
        var examples = page["examples"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "story").Select(e => e!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(5, examples.Count);
        Assert.All(examples, e => Assert.StartsWith("Youth club night", e));
    }

    [Fact]
    public async Task fewer_than_5_stories_read_fewer_than_5_for_commissioners_with_no_story_shown_and_nothing_that_gives_it_back()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbs");
        for (var i = 0; i < 2; i++) await Tell(a, Story($"Moved in at last {i}", ["housing", "family"]));
        for (var i = 0; i < 6; i++) await Tell(a, Story($"Football on Saturday {i}", ["sport", "family"]));
        await CatchUpProjections();

        var codebook = await As(Commissioner).Get(Codebook(a));
        Assert.Equal("<5", Theme(codebook, "housing")["stories"]!.GetValue<string>());
        Assert.Equal("withheld", Theme(codebook, "housing")["total"]!.GetValue<string>());
        // The next smallest is withheld too, so the row of themes does not give housing's two back.
        Assert.Equal("withheld", Theme(codebook, "sport")["stories"]!.GetValue<string>());
        Assert.Equal(2, Theme(await As(Steward).Get(Codebook(a)), "housing")["stories"]!.GetValue<int>());

        var housing = await As(Commissioner).Get($"{Codebook(a)}/themes/housing");
        Assert.DoesNotContain(housing!["examples"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "story");
        // Housing's count is hidden, so none of its weeks (zeros neither) nor the themes found with it shows a number.
        Assert.All(housing["weeks"]!.AsArray(), w => Assert.Equal("withheld", w!["stories"]!.GetValue<string>()));
        Assert.Equal("withheld", housing["together"]!.AsArray().Single(t => t!["theme"]!.GetValue<string>() == "family")!["stories"]!.GetValue<string>());
        // On family's page, housing's two found with it stay hidden, and so do sport's six (its count is withheld) so the eight do not give them back.
        var family = await As(Commissioner).Get($"{Codebook(a)}/themes/family");
        var together = family!["together"]!.AsArray().ToDictionary(t => t!["theme"]!.GetValue<string>(), t => t!["stories"]!.GetValue<string>());
        Assert.Equal("withheld", together["housing"]);
        Assert.Equal("withheld", together["sport"]);
    }

    [Fact]
    public async Task a_themes_page_draws_its_weeks_of_observations_stories_and_ripples_but_not_a_kind_whose_count_is_hidden()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbs");
        for (var i = 0; i < 6; i++)
            await As(Partner).LogObservation(a, ObservationBuilder.Body(text: $"Lift fixed at last {i}", themes: ["repairs"], scope: "commissioners",
                observedAt: $"{Today.AddDays(-7):yyyy-MM-dd}T10:00:00Z"));
        for (var i = 0; i < 2; i++) await Tell(a, Story($"The damp came back {i}", ["repairs"]));
        var map = await As(Facilitator).StartMap(a);
        await As(Facilitator).Post($"{MapBuilder.Map(a, map)}/ripples", new { label = "Tenants' repair group", capitals = new[] { "social" },
            valence = "generative", intended = true, themes = new[] { "repairs" }, evidence = Array.Empty<object>() });
        await CatchUpProjections();

        static string[] Pictures(string page) => [.. System.Text.RegularExpressions.Regex.Matches(page, "<title[^>]*>([A-Za-z]+) coded [^<]*repairs[^<]* each week</title>")
            .Select(m => m.Groups[1].Value)];
        var forSteward = (await As(Steward).SendRaw(HttpMethod.Get, $"/alliances/{a}/codebook/themes/repairs", null)).Body;
        Assert.Equal(["Observations", "Stories", "Ripples"], Pictures(forSteward));
        // A commissioner is not shown the stories' count ("fewer than 5"), so their weeks are not drawn either.
        var forCommissioner = (await As(Commissioner).SendRaw(HttpMethod.Get, $"/alliances/{a}/codebook/themes/repairs", null)).Body;
        Assert.Equal(["Observations", "Ripples"], Pictures(forCommissioner));
    }

    [Fact]
    public async Task a_theme_found_only_on_stories_is_renamed_merged_and_described()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbs");
        var story = await Tell(a, Story("Grandad taught us to fish", ["Elders "]));
        await Tell(a, Story("Auntie's recipes", ["older people"], scope: "alliance"));
        await CatchUpProjections();

        await As(Facilitator).Post($"{Codebook(a)}/descriptions", new { theme = "elders", description = "Older people passing on what they know." }, 200);
        await As(Facilitator).Post($"{Codebook(a)}/renames", new { theme = "elders", to = "grandparents" });
        await As(Steward).Post($"{Codebook(a)}/merges", new { themes = new[] { "older people" }, into = "grandparents" });

        var codebook = await As(Steward).Get(Codebook(a));
        var grandparents = Theme(codebook, "grandparents");
        Assert.Equal(2, grandparents["stories"]!.GetValue<int>());
        Assert.Equal(["elders", "older people"], grandparents["formerNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("Older people passing on what they know.", grandparents["description"]!.GetValue<string>());
        Assert.DoesNotContain("elders", Names(codebook));
        var read = await As(Partner).Get($"/api/alliances/{a}/stories/{story}");
        Assert.Equal("grandparents", Assert.Single(read!["themes"]!.AsArray())!.GetValue<string>());
        // The commissioner reads the story told for them, not the alliance's one, nor the name only that one carries.
        var forCommissioner = (await As(Commissioner).Get(Codebook(a)))!.ToJsonString();
        Assert.Contains("grandparents", forCommissioner);
        Assert.DoesNotContain("older people", forCommissioner);
    }

    [Fact]
    public async Task the_codebook_is_read_from_the_stories_narrow_rows_never_from_their_documents()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbsnarrow");
        await As("cbsnarrow-partner@example.org").Post($"/api/alliances/{a}/stories", Story("Club night", ["belonging"], scope: "alliance"));
        await CatchUpProjections();
        var statements = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var (_, value) in activity.TagObjects)
                    if (value?.ToString() is { } text && text.Contains("select", StringComparison.OrdinalIgnoreCase)) statements.Add(text);
            }
        })
        {
            System.Diagnostics.ActivitySource.AddActivityListener(listener);
            Assert.Equal(1, Theme(await As(Steward).Get(Codebook(a)), "belonging")["stories"]!.GetValue<int>());
        }

        // A story's document holds its whole narrative: twenty thousand of them are far slower to read than their themes.
        Assert.Contains(statements, s => s.Contains("story_signifiers"));
        Assert.DoesNotContain(statements, s => s.Contains("mt_doc_story"));
    }
}
