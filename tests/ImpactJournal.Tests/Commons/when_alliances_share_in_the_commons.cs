using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Commons;

/// <summary>
/// The learning commons through the API: what a steward publishes is found by members of every other alliance, and
/// unpublishing, a teller's withdrawal and leaving each take it out at once (the read model is updated in the
/// transaction of the event that takes it out).
/// </summary>
public sealed class when_alliances_share_in_the_commons(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "commons-steward@example.org";
    private const string Partner = "commons-partner@example.org";
    private const string Reader = "commons-reader@example.org";

    /// <summary>An alliance in the commons with a map (a social ripple naming its partner), a story for the public and a commitment.</summary>
    private async Task<(Guid Alliance, Guid Map, Guid Story, Guid Imperative)> PublishingAlliance(string model = "thin-layer-cooperative", bool showPartnerNames = false)
    {
        var steward = As(Steward);
        var alliance = await steward.FormAlliance("Ashworth Food Alliance");
        var partner = await steward.AddPartner(alliance, "Ashworth Food Hub", "cooperative");
        await steward.AddMember(alliance, Partner, "partner", partner);
        var map = await steward.StartMap(alliance, "The community fridge");
        await As(Partner).AddRipple(alliance, map, "Neighbours cook together on Tuesdays", ["social"], [map]);
        var story = (await As(Partner).Post($"/api/alliances/{alliance}/stories", new
        {
            title = "The fridge door", narrative = $"Nobody asks why you came, {TellersWords(alliance)}.", tellerRole = "resident", toldOn = "2026-03-01",
            consent = new { scope = "public", identifiable = false }
        })).Id();
        var imperative = (await steward.Post($"/api/alliances/{alliance}/imperatives", new { text = "We share information before we are asked." })).Id();
        await steward.Put($"/api/alliances/{alliance}/commons/profile",
            new { name = "Ashworth Food Alliance", about = "Six organisations feeding a town.", collaborationModel = model, showPartnerNames });
        return (alliance, map, story, imperative);
    }

    // Words no other story holds, so that what is left of them after a withdrawal is this story's alone.
    private static string TellersWords(Guid alliance) => $"words-of-the-teller-{alliance:N}";

    /// <summary>A member of another alliance: the one who searches.</summary>
    private async Task<Support.Api> ReaderOfAnotherAlliance()
    {
        await As(Reader).FormAlliance("Northfield Alliance");
        return As(Reader);
    }

    private static async Task<IReadOnlyList<JsonNode>> Search(Support.Api reader, string query = "") =>
        [.. (await reader.Get($"/api/commons{query}"))!["items"]!.AsArray().Select(i => i!)];

    private static Task<JsonNode?> Publish(Support.Api steward, Guid alliance, string kind, Guid id, int expect = 201) =>
        steward.Post($"/api/alliances/{alliance}/commons/publications", new { kind, id }, expect);

    [Fact]
    public async Task a_published_map_is_found_by_capital_and_model_from_another_alliance_and_leaves_when_unpublished()
    {
        var (alliance, map, _, _) = await PublishingAlliance();
        var reader = await ReaderOfAnotherAlliance();
        var published = await Publish(As(Steward), alliance, "map", map);
        var item = published.Id();

        Assert.Equal([item.ToString()], (await Search(reader, "?capital=social&model=thin-layer-cooperative")).Select(i => i["id"]!.GetValue<string>()));
        Assert.Empty(await Search(reader, "?capital=natural"));
        Assert.Empty(await Search(reader, "?model=alliance-contract"));
        Assert.Single(await Search(reader, "?partnerKind=cooperative&from=2020-01-01"));
        Assert.Empty(await Search(reader, "?partnerKind=council"));

        var whole = (await reader.Get($"/api/commons/items/{item}"))!;
        Assert.Equal("The community fridge", whole["item"]!["title"]!.GetValue<string>());
        Assert.Equal($"/api/commons/alliances/{alliance}", whole["item"]!["allianceAddress"]!.GetValue<string>());
        // The alliance did not allow partners' names: none is held for it.
        Assert.Empty(whole["ripples"]![0]!["partners"]!.AsArray());
        var picture = await reader.SendRaw(HttpMethod.Get, $"/api/commons/items/{item}/picture", null);
        Assert.Equal((200, "image/svg+xml"), (picture.Status, picture.ContentType.Split(';')[0]));
        Assert.Equal("Six organisations feeding a town.", (await reader.Get($"/api/commons/alliances/{alliance}"))!["about"]!.GetValue<string>());

        await As(Steward).Delete($"/api/alliances/{alliance}/commons/publications/{item}");
        Assert.Empty(await Search(reader));
        await reader.Get($"/api/commons/items/{item}", expect: 404);
        await reader.Get($"/api/commons/items/{item}/picture", expect: 404);
    }

    [Fact]
    public async Task partners_are_named_only_when_the_alliance_allows_it()
    {
        var (alliance, map, _, _) = await PublishingAlliance(showPartnerNames: true);
        var item = (await Publish(As(Steward), alliance, "map", map)).Id();
        var reader = await ReaderOfAnotherAlliance();
        Assert.Equal(["Ashworth Food Hub"], (await reader.Get($"/api/commons/items/{item}"))!["ripples"]![0]!["partners"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task a_story_leaves_the_commons_when_its_teller_withdraws_consent_and_its_copy_is_erased_everywhere()
    {
        var (alliance, _, story, _) = await PublishingAlliance();
        var item = (await Publish(As(Steward), alliance, "story", story)).Id();
        var reader = await ReaderOfAnotherAlliance();
        Assert.Contains(TellersWords(alliance), (await reader.Get($"/api/commons/items/{item}"))!["item"]!["text"]!.GetValue<string>());

        await As(Partner).Post($"/api/alliances/{alliance}/stories/{story}/consent-withdrawal", new { }, expect: 200);

        Assert.Empty(await Search(reader));
        await reader.Get($"/api/commons/items/{item}", expect: 404);
        // Not in the commons' read model, nor in the publication's stored event, nor anywhere else.
        Assert.Equal(0, await Fixture.RowsMentioning(TellersWords(alliance)));
        var refused = await As(Steward).Post($"/api/alliances/{alliance}/commons/publications", new { kind = "story", id = story }, expect: 400);
        Assert.Equal("Its teller withdrew consent.", refused!["errors"]!["id"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task a_story_someone_could_be_recognised_from_is_refused()
    {
        var (alliance, _, _, _) = await PublishingAlliance();
        var identifiable = (await As(Partner).Post($"/api/alliances/{alliance}/stories", new
        {
            title = "Mrs P", narrative = "Everyone knows her.", tellerRole = "resident", toldOn = "2026-03-01", consent = new { scope = "public", identifiable = true }
        })).Id();
        var refused = await Publish(As(Steward), alliance, "story", identifiable, expect: 400);
        Assert.Equal("Someone could be recognised from it.", refused!["errors"]!["id"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task an_alliance_leaving_the_commons_takes_its_profile_and_every_item_out()
    {
        var (alliance, map, story, imperative) = await PublishingAlliance();
        var steward = As(Steward);
        var items = new[] { (await Publish(steward, alliance, "map", map)).Id(), (await Publish(steward, alliance, "story", story)).Id(),
            (await Publish(steward, alliance, "imperative", imperative)).Id() };
        var reader = await ReaderOfAnotherAlliance();
        Assert.Equal(3, (await Search(reader)).Count);
        var commitment = (await reader.Get($"/api/commons/items/{items[2]}"))!;
        Assert.Equal("no closed rounds with enough answers yet", commitment["item"]!["text"]!.GetValue<string>());
        Assert.Equal("insufficient-data", commitment["direction"]!.GetValue<string>());

        await steward.Delete($"/api/alliances/{alliance}/commons/profile");

        Assert.Empty(await Search(reader));
        await reader.Get($"/api/commons/alliances/{alliance}", expect: 404);
        foreach (var item in items) await reader.Get($"/api/commons/items/{item}", expect: 404);
        // Out means out: publishing again waits for a new profile.
        await Publish(steward, alliance, "map", map, expect: 409);
    }

    [Fact]
    public async Task an_open_learning_review_cannot_be_published_and_the_api_says_why()
    {
        var (alliance, _, _, _) = await PublishingAlliance();
        var review = (await As(Steward).Post($"/api/alliances/{alliance}/learning-reviews", new
        { title = "Spring review", periodStart = "2026-03-01", periodEnd = "2026-05-31", questions = new[] { "What surprised us?" } })).Id();
        var refused = await Publish(As(Steward), alliance, "review", review, expect: 400);
        Assert.Contains("closed", refused!["errors"]!["id"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task the_commons_reads_nothing_of_any_alliance_it_answers_the_same_with_every_alliances_own_documents_gone()
    {
        var (alliance, map, story, _) = await PublishingAlliance();
        var steward = As(Steward);
        var mapItem = (await Publish(steward, alliance, "map", map)).Id();
        await Publish(steward, alliance, "story", story);
        var reader = await ReaderOfAnotherAlliance();
        var before = (await reader.Get("/api/commons?capital=social"))!.ToJsonString();
        var item = (await reader.Get($"/api/commons/items/{mapItem}"))!.ToJsonString();
        var profile = (await reader.Get($"/api/commons/alliances/{alliance}"))!.ToJsonString();

        // Every tenanted document of every alliance, emptied below the service (the events stay: the reader's membership is read from them).
        await using (var connection = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tables = new NpgsqlCommand(
                "select string_agg(format('%I.%I', table_schema, table_name), ', ') from information_schema.columns " +
                "where table_schema = @s and column_name = 'tenant_id' and table_name like 'mt_doc_%' and table_name <> 'mt_doc_alliance'", connection);
            tables.Parameters.AddWithValue("s", Fixture.Schema);
            var list = (string)(await tables.ExecuteScalarAsync())!;
            Assert.Contains("mt_doc_story", list);
            Assert.DoesNotContain("mt_doc_commonsitem", list);
            await using var truncate = new NpgsqlCommand($"truncate {list}", connection);
            await truncate.ExecuteNonQueryAsync();
        }

        Assert.Equal(before, (await reader.Get("/api/commons?capital=social"))!.ToJsonString());
        Assert.Equal(item, (await reader.Get($"/api/commons/items/{mapItem}"))!.ToJsonString());
        Assert.Equal(profile, (await reader.Get($"/api/commons/alliances/{alliance}"))!.ToJsonString());
    }

    [Fact]
    public async Task nobody_signed_out_reads_the_commons_unless_the_installation_opens_it()
    {
        await PublishingAlliance();
        await Anonymous().Get("/api/commons", expect: 401);
        await As("nobody-in-any-alliance@example.org").Get("/api/commons", expect: 403);
    }

    [Fact]
    public async Task bad_filters_are_named_by_field()
    {
        var reader = await ReaderOfAnotherAlliance();
        var problem = await reader.Get("/api/commons?model=other&from=2026-05-01&to=2026-04-01", expect: 400);
        Assert.Equal(["model", "to"], problem!["errors"]!.AsObject().Select(p => p.Key).Order());
        await reader.Get("/api/commons?capital=happiness", expect: 400);
    }
}
