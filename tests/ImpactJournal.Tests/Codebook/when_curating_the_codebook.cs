using System.Text.Json.Nodes;
using ImpactJournal.Codebook;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Codebook;

/// <summary>
/// Facilitators and stewards rename and merge the alliance's themes; the records keep the words they were coded with,
/// and every list, filter, count and summary reads the codebook's current names.
/// </summary>
public sealed class when_curating_the_codebook(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "codebook-steward@example.org";
    private string Partner => "codebook-partner@example.org";
    private string Facilitator => "codebook-facilitator@example.org";
    private string Commissioner => "codebook-commissioner@example.org";

    private sealed record Journal(Guid Id, Guid Partner, Guid Homes, Guid Housing, Guid MapId, Guid Ripple);

    private static object Observed(string text, string[] themes, string scope = "alliance", bool identifiable = false, string day = "2026-11-30") =>
        ObservationBuilder.Body(text: text, themes: themes, scope: scope, identifiable: identifiable, observedAt: $"{day}T10:00:00Z");

    /// <summary>The drift the issue names: "housing", "Housing " and "homes", on observations and on a ripple.</summary>
    private async Task<Journal> AJournal()
    {
        var (a, partner) = await As(Steward).FormAllianceWithEveryRole("codebook");
        await As(Partner).LogObservation(a, Observed("Two families rehoused near the school.", ["housing", "schools"]));
        var housing = await As(Partner).LogObservation(a, Observed("The landlord fixed the damp at last.", ["Housing "]));
        var homes = await As(Partner).LogObservation(a, Observed("Mo has a flat of his own now.", ["homes", "belonging"]));
        var map = await As(Facilitator).StartMap(a);
        var ripple = (await As(Facilitator).Post($"{MapBuilder.Map(a, map)}/ripples",
            new { label = "Tenants' group formed", capitals = new[] { "social" }, valence = "generative", themes = new[] { "homes" } })).Id();
        await CatchUpProjections();
        return new Journal(a, partner, homes, housing, map, ripple);
    }

    private static JsonNode Theme(JsonNode? codebook, string name) =>
        codebook!["themes"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == name)!;

    private static string Codebook(Guid a) => $"/api/alliances/{a}/codebook";

    [Fact]
    public async Task after_a_merge_lists_filters_counts_and_summaries_read_the_new_name_and_the_records_keep_their_words()
    {
        var j = await AJournal();
        var before = await As(Steward).Get(Codebook(j.Id));
        Assert.Equal(2, Theme(before, "housing")["observations"]!.GetValue<int>());
        Assert.Equal(1, Theme(before, "homes")["ripples"]!.GetValue<int>());

        await As(Facilitator).Post($"{Codebook(j.Id)}/merges", new { themes = new[] { "Homes" }, into = "housing" });
        await As(Steward).Post($"{Codebook(j.Id)}/renames", new { theme = "housing", to = "A home" });

        var after = await As(Partner).Get(Codebook(j.Id));
        var home = Theme(after, "a home");
        Assert.Equal((3, 1), (home["observations"]!.GetValue<int>(), home["ripples"]!.GetValue<int>()));
        Assert.Equal(["homes", "housing"], home["formerNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain(after!["themes"]!.AsArray(), t => t!["name"]!.GetValue<string>() is "homes" or "housing");

        // A filter by the current name (or by a former one) finds what was coded with any of them; items read the current name.
        var listed = await As(Partner).Get($"/api/alliances/{j.Id}/observations?theme=A%20Home");
        Assert.Equal(3, listed!["items"]!.AsArray().Count);
        var mo = listed["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == j.Homes.ToString())!;
        Assert.Equal(["a home", "belonging"], mo["themes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["homes", "belonging"], mo["codedWith"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(3, (await As(Partner).Get($"/api/alliances/{j.Id}/observations?theme=homes"))!["items"]!.AsArray().Count);

        // The ripple reads the current name; its coding keeps the word it was coded with.
        var ripple = await As(Partner).Get($"{MapBuilder.Map(j.Id, j.MapId)}/ripples/{j.Ripple}");
        Assert.Equal("a home", Assert.Single(ripple!["themes"]!.AsArray())!.GetValue<string>());
        Assert.Equal("homes", Assert.Single(ripple["codings"]![0]!["themes"]!.AsArray())!.GetValue<string>());

        // The stored events were not touched.
        await using var session = Store.QuerySession(j.Id.ToString());
        var logged = (ObservationLogged)(await session.Events.FetchStreamAsync(j.Homes))[0].Data;
        Assert.Equal(["homes", "belonging"], logged.Themes);

        var review = (await As(Facilitator).Post($"/api/alliances/{j.Id}/learning-reviews",
            new { title = "Autumn", periodStart = "2026-11-01", periodEnd = "2026-12-31", questions = new[] { "What changed?" } })).Id();
        var summary = await As(Facilitator).Get($"/api/alliances/{j.Id}/learning-reviews/{review}/summary");
        var byTheme = summary!["activity"]!["byTheme"]!.AsArray();
        Assert.Equal(3, byTheme.Single(t => t!["theme"]!.GetValue<string>() == "a home")!["count"]!.GetValue<int>());
        Assert.DoesNotContain(byTheme, t => t!["theme"]!.GetValue<string>() is "homes" or "housing");
    }

    [Fact]
    public async Task only_facilitators_and_stewards_change_the_codebook_and_another_alliance_is_not_found()
    {
        var j = await AJournal();
        var merge = new { themes = new[] { "homes" }, into = "housing" };
        await As(Partner).Post($"{Codebook(j.Id)}/merges", merge, 403);
        await As(Commissioner).Post($"{Codebook(j.Id)}/renames", new { theme = "homes", to = "flats" }, 403);
        await As(Partner).Post($"{Codebook(j.Id)}/descriptions", new { theme = "homes", description = "Places." }, 403);

        var other = await As("elsewhere-steward@example.org").FormAlliance("Elsewhere");
        await As("elsewhere-steward@example.org").Post($"{Codebook(j.Id)}/merges", merge, 404);
        await As("elsewhere-steward@example.org").Get(Codebook(j.Id), 404);
        await As(Steward).Get(Codebook(other), 404);
        // Another alliance's codebook is its own: nothing of this one is in it.
        Assert.Empty((await As("elsewhere-steward@example.org").Get(Codebook(other)))!["themes"]!.AsArray());
        await As(Steward).Get($"{Codebook(j.Id)}/themes/gardens", 404);
    }

    [Fact]
    public async Task bad_changes_are_refused_with_the_field_and_what_to_do()
    {
        var j = await AJournal();
        async Task<string> Refused(string path, object body, string field)
        {
            var problem = await As(Facilitator).Post($"{Codebook(j.Id)}/{path}", body, 400);
            return string.Join(" ", problem!["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()));
        }

        Assert.Contains("Required", await Refused("renames", new { theme = "homes", to = " " }, "to"));
        Assert.Contains("merge", (await Refused("renames", new { theme = "homes", to = "Housing" }, "to")).ToLowerInvariant());
        Assert.Contains("No theme", await Refused("renames", new { theme = "gardens", to = "allotments" }, "theme"));
        Assert.Contains("into itself", await Refused("merges", new { themes = new[] { "housing" }, into = "HOUSING" }, "themes[0]"));
        Assert.Contains("at least one", await Refused("merges", new { themes = Array.Empty<string>(), into = "housing" }, "themes"));
        Assert.Contains("No theme", await Refused("descriptions", new { theme = "gardens", description = "Growing food." }, "theme"));
        await As(Facilitator).Post($"{Codebook(j.Id)}/renames", null, 400);
    }

    [Fact]
    public async Task a_retried_change_records_nothing_more_and_its_id_with_another_change_is_a_conflict()
    {
        var j = await AJournal();
        var id = Guid.CreateVersion7();
        var first = await As(Facilitator).Post($"{Codebook(j.Id)}/merges", new { id, themes = new[] { "homes" }, into = "housing" });
        var again = await As(Facilitator).Post($"{Codebook(j.Id)}/merges", new { id, themes = new[] { "homes" }, into = "housing" }, 200);
        Assert.Equal(first!["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());
        await As(Facilitator).Post($"{Codebook(j.Id)}/merges", new { id, themes = new[] { "schools" }, into = "housing" }, 409);

        await using var session = Store.QuerySession(j.Id.ToString());
        var events = await session.Events.FetchStreamAsync(AllianceCodebook.StreamIdOf(j.Id));
        Assert.IsType<ThemesMerged>(Assert.Single(events).Data);

        var described = await As(Steward).Post($"{Codebook(j.Id)}/descriptions", new { theme = "housing", description = "Somewhere safe to live." }, 200);
        Assert.Equal("Somewhere safe to live.", described!["description"]!.GetValue<string>());
        Assert.Equal("Somewhere safe to live.", Theme(await As(Commissioner).Get(Codebook(j.Id)), "housing")["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task commissioners_count_only_what_they_may_read_and_a_small_count_shows_no_examples()
    {
        var j = await AJournal();
        await As(Partner).LogObservation(j.Id, Observed("Ana got the keys to her flat.", ["housing"], "commissioners", identifiable: true));
        await As(Partner).LogObservation(j.Id, Observed("The housing fair filled the hall.", ["housing", "schools"], "public", day: "2026-12-01"));
        await CatchUpProjections();

        var codebook = await As(Commissioner).Get(Codebook(j.Id));
        // Two readable observations, one of them identifiable: "<5"; and the theme's total must not give it back.
        Assert.Equal("<5", Theme(codebook, "housing")["observations"]!.GetValue<string>());
        Assert.Equal("withheld", Theme(codebook, "housing")["total"]!.GetValue<string>());
        var theme = await As(Commissioner).Get($"{Codebook(j.Id)}/themes/housing");
        Assert.DoesNotContain(theme!["examples"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "observation");
        Assert.All(theme["weeks"]!.AsArray(), w => Assert.True(w!["observations"]!.GetValueKind() == System.Text.Json.JsonValueKind.String
            || w["observations"]!.GetValue<int>() == 0));
        Assert.DoesNotContain(theme.ToJsonString(), "damp");

        // A steward reads them all: the alliance-scope observations too, with examples and the weeks' numbers.
        var forSteward = await As(Steward).Get($"{Codebook(j.Id)}/themes/housing");
        Assert.Equal(4, forSteward!["theme"]!["observations"]!.GetValue<int>());
        Assert.Contains(forSteward["examples"]!.AsArray(), e => e!["text"]!.GetValue<string>() == "The landlord fixed the damp at last.");
        Assert.Equal(2, forSteward["together"]!.AsArray().Single(t => t!["theme"]!.GetValue<string>() == "schools")!["observations"]!.GetValue<int>());
        Assert.Equal(4, forSteward["weeks"]!.AsArray().Sum(w => w!["observations"]!.GetValue<int>()));
    }
}
