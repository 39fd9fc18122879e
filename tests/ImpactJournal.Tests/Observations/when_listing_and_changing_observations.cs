using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.Observations;

public sealed class when_listing_and_changing_observations(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "list-steward@example.org";
    private const string Partner = "list-partner@example.org";
    private const string Commissioner = "list-commissioner@example.org";

    private Task<(Guid AllianceId, Guid PartnerId)> Alliance() => As(Steward).FormAllianceWithEveryRole("list");

    private string Observations(Guid allianceId, string query = "") => $"/api/alliances/{allianceId}/observations{query}";

    [Fact]
    public async Task filters_narrow_the_list_and_it_is_ordered_most_recent_first()
    {
        var (allianceId, _) = await Alliance();
        var january = await As(Partner).LogObservation(allianceId, ObservationBuilder.Body(observedAt: "2025-01-10T10:00:00Z",
            themes: ["Peer Support"], capitals: ["human"], valence: "generative"));
        var march = await As(Partner).LogObservation(allianceId, ObservationBuilder.Body(observedAt: "2025-03-10T10:00:00Z",
            themes: ["housing"], capitals: ["built", "financial"], valence: "degenerative"));
        await CatchUpProjections();

        Assert.Equal([march.ToString(), january.ToString()], (await As(Partner).Get(Observations(allianceId))).Ids());
        Assert.Equal([january.ToString()], (await As(Partner).Get(Observations(allianceId, "?theme=peer%20support"))).Ids());
        Assert.Equal([march.ToString()], (await As(Partner).Get(Observations(allianceId, "?capital=built"))).Ids());
        Assert.Equal([march.ToString()], (await As(Partner).Get(Observations(allianceId, "?valence=degenerative"))).Ids());
        Assert.Equal([january.ToString()], (await As(Partner).Get(Observations(allianceId, "?to=2025-02-01T00:00:00Z"))).Ids());
        Assert.Equal([march.ToString()], (await As(Partner).Get(Observations(allianceId, "?from=2025-02-01T00:00:00Z"))).Ids());
        Assert.Empty((await As(Partner).Get(Observations(allianceId, $"?partnerId={Guid.NewGuid()}"))).Ids());
        await As(Partner).Get(Observations(allianceId, "?capital=gold"), expect: 400);
        await As(Partner).Get(Observations(allianceId, "?from=yesterday"), expect: 400);
    }

    [Fact]
    public async Task paging_visits_every_observation_once_even_with_equal_times()
    {
        var (allianceId, _) = await Alliance();
        var logged = new List<string>();
        for (var i = 0; i < 7; i++)
            logged.Add((await As(Partner).LogObservation(allianceId, ObservationBuilder.Body(observedAt: $"2025-0{1 + i % 2}-01T00:00:00Z"))).ToString());
        await CatchUpProjections();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await As(Partner).Get(Observations(allianceId, $"?limit=3{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}"));
            seen.AddRange(page.Ids());
            cursor = page!["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        Assert.Equal(logged.Order(), seen.Order());
        await As(Partner).Get(Observations(allianceId, "?cursor=bm9wZQ=="), expect: 400);
    }

    [Fact]
    public async Task commissioners_see_only_what_tellers_allowed_them_to()
    {
        var (allianceId, _) = await Alliance();
        var allianceOnly = await As(Partner).LogObservation(allianceId, ObservationBuilder.Body(scope: "alliance"));
        var forCommissioners = await As(Partner).LogObservation(allianceId, ObservationBuilder.Body(scope: "commissioners"));
        var forPublic = await As(Partner).LogObservation(allianceId, ObservationBuilder.Body(scope: "public"));
        await CatchUpProjections();

        Assert.Equal(3, (await As(Partner).Get(Observations(allianceId))).Ids().Count());
        Assert.Equal(new[] { forCommissioners.ToString(), forPublic.ToString() }.Order(),
            (await As(Commissioner).Get(Observations(allianceId))).Ids().Order());
        await As(Commissioner).Get(Observations(allianceId, $"/{allianceOnly}"), expect: 404);
        await As(Commissioner).Get(Observations(allianceId, $"/{forCommissioners}"));
    }

    [Fact]
    public async Task amendments_change_the_observation_and_keep_its_history()
    {
        var (allianceId, _) = await Alliance();
        var id = await As(Partner).LogObservation(allianceId);

        await As(Partner).Post(Observations(allianceId, $"/{id}/amendments"), new { text = "Four residents now volunteer.", capitals = new[] { "social" } }, expect: 200);
        await As(Partner).Post(Observations(allianceId, $"/{id}/amendments"), new { valence = "mixed" }, expect: 200);

        var observation = await As(Partner).Get(Observations(allianceId, $"/{id}"));
        Assert.Equal("Four residents now volunteer.", observation!["text"]!.GetValue<string>());
        Assert.Equal("mixed", observation["valence"]!.GetValue<string>());
        Assert.Equal(["social"], observation["capitals"]!.AsArray().Select(c => c!.GetValue<string>()));
        var history = observation["amendments"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal("Four residents now volunteer.", history[0]!["changes"]!["text"]!.GetValue<string>());
        Assert.Equal(Partner, history[1]!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_amendment_made_against_an_older_version_is_refused_with_the_current_one()
    {
        var (allianceId, _) = await Alliance();
        var id = await As(Partner).LogObservation(allianceId);
        var amendments = Observations(allianceId, $"/{id}/amendments");
        var read = (await As(Partner).Get(Observations(allianceId, $"/{id}")))!["version"]!.GetValue<long>();

        await As(Partner).Post(amendments, new { text = "Four residents now volunteer.", expectedVersion = read }, expect: 200);
        // The stored read model has caught up, so the next edit is decided against it, not a fresh fold of the stream.
        await CatchUpProjections();
        var refused = await As(Partner).Post(amendments, new { text = "Three residents volunteer.", expectedVersion = read }, expect: 409);

        Assert.Equal(1, read);
        Assert.Equal(2, refused!["currentVersion"]!.GetValue<long>());
        var now = await As(Partner).Get(Observations(allianceId, $"/{id}"));
        Assert.Equal("Four residents now volunteer.", now!["text"]!.GetValue<string>());
        Assert.Equal(2, now["version"]!.GetValue<long>());
        await As(Partner).Post(amendments, new { text = "Three residents volunteer.", expectedVersion = 2 }, expect: 200);
        // Without an expected version the last writer wins, as before.
        await As(Partner).Post(amendments, new { valence = "mixed" }, expect: 200);
    }

    [Fact]
    public async Task an_observation_projected_before_versions_were_kept_is_amended_against_the_version_it_is_read_with()
    {
        var (allianceId, _) = await Alliance();
        var id = await As(Partner).LogObservation(allianceId);
        await CatchUpProjections();
        // A read model document written before observations kept their version: the version is only in its revision column.
        await using (var session = Store.LightweightSession())
            await session.ExecuteAsync(new Npgsql.NpgsqlCommand(
                $"update {Store.Options.DatabaseSchemaName}.mt_doc_observation set data = data - 'version' where id = '{id}'"));

        var read = (await As(Partner).Get(Observations(allianceId, $"/{id}")))!["version"]!.GetValue<long>();
        await As(Partner).Post(Observations(allianceId, $"/{id}/amendments"), new { text = "Four residents now volunteer.", expectedVersion = read }, expect: 200);
    }

    [Fact]
    public async Task an_empty_amendment_is_rejected_and_partners_amend_only_their_own()
    {
        var (allianceId, _) = await Alliance();
        var other = await As(Steward).AddPartner(allianceId, "Other partner");
        var theirs = await As(Steward).LogObservation(allianceId, ObservationBuilder.Body(partnerId: other));

        await As(Partner).Post(Observations(allianceId, $"/{theirs}/amendments"), new { }, expect: 400);
        await As(Partner).Post(Observations(allianceId, $"/{theirs}/amendments"), new { text = "mine now" }, expect: 403);
        await As("list-facilitator@example.org").Post(Observations(allianceId, $"/{theirs}/amendments"), new { text = "tidied" }, expect: 200);
    }

    [Fact]
    public async Task a_retracted_observation_leaves_lists_but_stays_in_history()
    {
        var (allianceId, _) = await Alliance();
        var kept = await As(Partner).LogObservation(allianceId);
        var retracted = await As(Partner).LogObservation(allianceId);

        await As(Partner).Post(Observations(allianceId, $"/{retracted}/retraction"), new { reason = "Logged twice" }, expect: 200);
        await As(Partner).Post(Observations(allianceId, $"/{retracted}/retraction"), new { reason = "Logged twice" }, expect: 200);
        await As(Partner).Post(Observations(allianceId, $"/{retracted}/amendments"), new { text = "too late" }, expect: 409);
        await CatchUpProjections();

        Assert.Equal([kept.ToString()], (await As(Partner).Get(Observations(allianceId))).Ids());
        Assert.Equal(2, (await As(Partner).Get(Observations(allianceId, "?includeRetracted=true"))).Ids().Count());
        var one = await As(Partner).Get(Observations(allianceId, $"/{retracted}"));
        Assert.Equal("Logged twice", one!["retraction"]!["reason"]!.GetValue<string>());
        Assert.True(one["retracted"]!.GetValue<bool>());
    }
}
