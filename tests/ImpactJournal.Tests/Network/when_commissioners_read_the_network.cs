using System.Text.Json;
using System.Text.Json.Nodes;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using ImpactJournal.Network;
using ImpactJournal.Tests.Support;
using Xunit;
using static ImpactJournal.Tests.Network.NetworkFormats;

namespace ImpactJournal.Tests.Network;

/// <summary>
/// A commissioner's network is made only of what commissioners may read, in every format and on every day, and a
/// count of joint observations that reads "&lt;5" cannot be worked back out of anything else the network publishes.
/// </summary>
public sealed class when_commissioners_read_the_network(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "readable-steward@example.org";

    private sealed record Alliance(Guid Id, Guid Harbour, Guid Foodhub, Guid OpenDoor, Guid Council, string Prefix)
    {
        public string Commissioner => $"{Prefix}-commissioner@example.org";
        public string Partner => $"{Prefix}-partner@example.org";
        public string Facilitator => $"{Prefix}-facilitator@example.org";
    }

    private async Task<Alliance> AnAlliance(string prefix)
    {
        var (a, harbour) = await As(Steward).FormAllianceWithEveryRole(prefix);
        return new Alliance(a, harbour, await As(Steward).AddPartner(a, "Foodhub", "community-group"),
            await As(Steward).AddPartner(a, "Open Door", "vcse"), await As(Steward).AddPartner(a, "Ashworth Council", "council"), prefix);
    }

    private static object Observed(string day, string scope, bool identifiable, Guid partnerId, params Guid[] withPartners) => new
    {
        text = "We ran the Saturday pantry together.", observedAt = $"{day}T10:00:00Z", themes = new[] { "food" }, capitals = new[] { "social" },
        valence = "generative", partnerId, consent = new { scope, identifiable }, withPartners
    };

    private async Task Sessions(Alliance a, Guid x, Guid y, params string[] days)
    {
        var m = await As(a.Facilitator).StartMap(a.Id, $"Mapping {x} {y}");
        foreach (var day in days)
            await As(a.Facilitator).Post($"{MapBuilder.Map(a.Id, m)}/sessions",
                new { title = $"Mapping on {day}", heldOn = day, participants = new { count = 9, roles = new[] { "residents" } }, partners = new[] { x, y } });
    }

    private async Task<Guid> AReview(Alliance a) => (await As(a.Facilitator).Post($"/api/alliances/{a.Id}/learning-reviews",
        new { title = "First half", periodStart = "2025-01-01", periodEnd = "2025-06-30", questions = new[] { "Who did we work with?" } })).Id();

    /// <summary>
    /// Harbour and Foodhub worked together only in alliance-scope observations; Harbour and Open Door in two
    /// alliance-scope observations and three mapping sessions (the case measured in the issue); Open Door and the
    /// Council in six commissioner-scope observations.
    /// </summary>
    private async Task<Alliance> AllianceWithHiddenTies()
    {
        var a = await AnAlliance("readable");
        foreach (var day in new[] { "2025-03-03", "2025-03-17", "2025-04-14" })
            await As(a.Partner).LogObservation(a.Id, Observed(day, "alliance", false, a.Harbour, a.Foodhub));
        foreach (var day in new[] { "2025-04-02", "2025-04-09" })
            await As(a.Partner).LogObservation(a.Id, Observed(day, "alliance", false, a.Harbour, a.OpenDoor));
        await Sessions(a, a.Harbour, a.OpenDoor, "2025-01-10", "2025-02-10", "2025-02-20");
        for (var day = 1; day <= 6; day++)
            await As(Steward).LogObservation(a.Id, Observed($"2025-05-0{day}", "commissioners", false, a.OpenDoor, a.Council));
        await CatchUpProjections();
        return a;
    }

    [Fact]
    public async Task a_tie_resting_only_on_alliance_scope_observations_is_in_no_format_a_commissioner_reads()
    {
        var a = await AllianceWithHiddenTies();
        var forCommissioner = await ReadAsync(As(a.Commissioner), a.Id, "2025-06-30");

        // The measured case: two alliance-scope observations and three sessions are, for a commissioner, three sessions.
        var sessions = forCommissioner.Edge(a.Harbour, a.OpenDoor)!;
        Assert.Equal(3, sessions["weight"]!.GetValue<int>());
        Assert.Equal(0, sessions["jointObservations"]!.GetValue<int>());
        Assert.Equal(3, sessions["sharedSessions"]!.GetValue<int>());
        Assert.Equal("2025-02-20", sessions["latest"]!.GetValue<string>());
        Assert.Null(forCommissioner.Edge(a.Harbour, a.Foodhub));
        Assert.Equal(2, forCommissioner.Json["edges"]!.AsArray().Count);
        // Harbour – Open Door – Council, Foodhub alone: a third of the pairs; Open Door lies between Harbour and the Council.
        Assert.Equal(1.0 / 3, forCommissioner.Json["density"]!.GetValue<double>(), 12);
        Assert.Equal([a.Foodhub], forCommissioner.Json["unconnected"]!.AsArray().Select(n => n!.GetValue<Guid>()));
        var harbour = forCommissioner.Json["nodes"]!.AsArray().Single(n => n!["partnerId"]!.GetValue<Guid>() == a.Harbour)!;
        Assert.Equal(1, harbour["degree"]!.GetValue<int>());
        Assert.Equal(0, harbour["betweenness"]!.GetValue<double>(), 12);
        Assert.Equal(2, forCommissioner.Json["components"]!.AsArray().Count);

        Assert.Null(forCommissioner.GraphMlEdge(a.Harbour, a.Foodhub));
        Assert.Equal(2, forCommissioner.GraphMlEdges);
        Assert.Equal("3", forCommissioner.GraphMlEdge(a.Harbour, a.OpenDoor)!["weight"]);
        Assert.Null(forCommissioner.KumuConnection("Harbour Housing", "Foodhub"));
        Assert.Equal(3, forCommissioner.KumuConnection("Harbour Housing", "Open Door")!["weight"]!.GetValue<int>());
        Assert.Equal(2, forCommissioner.Lines.Count);
        Assert.Equal(forCommissioner.Line("Harbour Housing", "Open Door").Width, (1 + Math.Log2(3)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));

        // The steward's network holds all of it.
        var forSteward = await ReadAsync(As(Steward), a.Id, "2025-06-30");
        Assert.Equal(3, forSteward.Edge(a.Harbour, a.Foodhub)!["jointObservations"]!.GetValue<int>());
        Assert.Equal(5, forSteward.Edge(a.Harbour, a.OpenDoor)!["weight"]!.GetValue<int>());
        Assert.Equal(0.5, forSteward.Json["density"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task stepping_as_of_day_by_day_shows_a_commissioner_no_day_of_a_hidden_observation()
    {
        var a = await AllianceWithHiddenTies();
        // March and April hold only alliance-scope observations: every day of them reads the same for a commissioner.
        var first = await As(a.Commissioner).Get($"{NetworkOf(a.Id)}?asOf=2025-03-01");
        for (var day = new DateOnly(2025, 3, 2); day <= new DateOnly(2025, 4, 30); day = day.AddDays(1))
        {
            var network = (await As(a.Commissioner).Get($"{NetworkOf(a.Id)}?asOf={day:yyyy-MM-dd}"))!;
            network.AsObject().Remove("asOf");
            var before = first!.DeepClone();
            before.AsObject().Remove("asOf");
            Assert.True(JsonNode.DeepEquals(before, network), $"{day}: {network.ToJsonString()}");
        }

        // A diff over the same months names no hidden tie, and sees the sessions' tie go quiet (for the steward, the
        // April observations keep it active).
        var diff = (await As(a.Commissioner).Get($"{NetworkOf(a.Id)}/diff?from=2025-02-28&to=2025-06-30"))!;
        var newTie = Assert.Single(diff["newTies"]!.AsArray())!;
        Assert.Equal(new HashSet<Guid> { a.OpenDoor, a.Council }, [newTie["from"]!.GetValue<Guid>(), newTie["to"]!.GetValue<Guid>()]);
        var quiet = Assert.Single(diff["quietTies"]!.AsArray())!;
        Assert.Equal(new HashSet<Guid> { a.Harbour, a.OpenDoor }, [quiet["from"]!.GetValue<Guid>(), quiet["to"]!.GetValue<Guid>()]);
        Assert.Equal([a.Foodhub], diff["unconnected"]!.AsArray().Select(n => n!["partnerId"]!.GetValue<Guid>()));
        var stewardDiff = (await As(Steward).Get($"{NetworkOf(a.Id)}/diff?from=2025-02-28&to=2025-06-30"))!;
        Assert.Equal(2, stewardDiff["newTies"]!.AsArray().Count);
        Assert.Empty(stewardDiff["quietTies"]!.AsArray());
    }

    [Fact]
    public async Task the_dashboard_card_and_the_review_summary_count_only_the_ties_a_commissioner_may_read()
    {
        var a = await AllianceWithHiddenTies();
        var review = await AReview(a);

        JsonNode Card(JsonNode dashboard) => dashboard["alliances"]!.AsArray().Single(d => d!["id"]!.GetValue<Guid>() == a.Id)!["relationalHealth"]!;
        var card = Card((await As(a.Commissioner).Get("/api/dashboard"))!);
        Assert.Equal(2, card["ties"]!.GetValue<int>());
        Assert.Equal(1.0 / 3, card["density"]!.GetValue<double>(), 12);
        Assert.Equal(3, Card((await As(Steward).Get("/api/dashboard"))!)["ties"]!.GetValue<int>());

        var summary = $"/api/alliances/{a.Id}/learning-reviews/{review}/summary";
        var relationships = (await As(a.Commissioner).Get(summary))!["relationships"]!;
        Assert.Equal(1.0 / 3, relationships["density"]!.GetValue<double>(), 12);
        Assert.Equal(["Harbour Housing and Open Door from 2025-01-10", "Ashworth Council and Open Door from 2025-05-01"],
            relationships["newTies"]!.AsArray().Select(t =>
                $"{string.Join(" and ", new[] { t!["fromName"]!.GetValue<string>(), t["toName"]!.GetValue<string>() }.Order(StringComparer.Ordinal))} from {t["first"]}"));
        foreach (var format in new[] { "markdown", "html" })
        {
            var text = (await As(a.Commissioner).SendRaw(HttpMethod.Get, $"{summary}?format={format}", null)).Body;
            Assert.DoesNotContain("Foodhub", text);
            Assert.Contains("first worked together on 1 May 2025", text);
            Assert.Contains("Foodhub", (await As(Steward).SendRaw(HttpMethod.Get, $"{summary}?format={format}", null)).Body);
        }
    }

    [Fact]
    public async Task an_observation_whose_consent_has_expired_leaves_every_readers_network()
    {
        var a = await AnAlliance("expired");
        var july = await As(Steward).LogObservation(a.Id, Observed("2025-07-01", "public", false, a.Harbour, a.Foodhub));
        await As(Steward).LogObservation(a.Id, Observed("2025-08-01", "public", false, a.Harbour, a.OpenDoor));
        await CatchUpProjections();
        Assert.NotNull(EdgeBetween((await As(a.Commissioner).Get(NetworkOf(a.Id)))!["edges"]!, a.Harbour, a.Foodhub));

        // Observations are logged without an expiry today; the tally is where the network reads one, as the counts do.
        await using (var connection = new Npgsql.NpgsqlConnection(Fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var expire = new Npgsql.NpgsqlCommand($"update {Fixture.Schema}.observation_tally set expires_on = '2025-12-31' where id = $1", connection);
            expire.Parameters.Add(new Npgsql.NpgsqlParameter { Value = july });
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }
        // Read from the pairs kept per quarter (today's network) and from the tally itself (a day in July's quarter).
        foreach (var reader in new[] { a.Commissioner, Steward })
            foreach (var day in new[] { "", "?asOf=2025-09-30" })
            {
                var network = (await As(reader).Get($"{NetworkOf(a.Id)}{day}"))!;
                Assert.Null(EdgeBetween(network["edges"]!, a.Harbour, a.Foodhub));
                Assert.NotNull(EdgeBetween(network["edges"]!, a.Harbour, a.OpenDoor));
            }
    }

    /// <summary>
    /// As measured in the issue, but with the observations readable by commissioners and identifiable: Harbour and
    /// Open Door in two such observations and three sessions, Foodhub and the Council in four and three.
    /// </summary>
    private async Task<Alliance> AllianceWithSmallIdentifiableCounts()
    {
        var a = await AnAlliance("withheld");
        foreach (var day in new[] { "2025-04-02", "2025-04-09" })
            await As(Steward).LogObservation(a.Id, Observed(day, "commissioners", true, a.Harbour, a.OpenDoor));
        await Sessions(a, a.Harbour, a.OpenDoor, "2025-01-10", "2025-02-10", "2025-02-20");
        foreach (var day in new[] { "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04" })
            await As(Steward).LogObservation(a.Id, Observed(day, "public", true, a.Foodhub, a.Council));
        await Sessions(a, a.Foodhub, a.Council, "2025-01-11", "2025-02-11", "2025-02-21");
        await CatchUpProjections();
        return a;
    }

    [Fact]
    public async Task the_measured_tie_reads_its_weight_withheld_in_json()
    {
        var a = await AllianceWithSmallIdentifiableCounts();
        var network = await ReadAsync(As(a.Commissioner), a.Id, "2025-06-30");

        // Before: {weight: 5, jointObservations: "<5", jointRipples: 0, sharedSessions: 3}, and 5 − 3 gave back the 2.
        // The sessions stay: every map lists its sessions' partners, so only the weight could give the 2 back.
        var measured = network.Edge(a.Harbour, a.OpenDoor)!;
        Assert.Equal("<5", measured["jointObservations"]!.GetValue<string>());
        Assert.Equal("withheld", measured["weight"]!.GetValue<string>());
        Assert.Equal(0, measured["jointRipples"]!.GetValue<int>());
        Assert.Equal(3, measured["sharedSessions"]!.GetValue<int>());
        Assert.Equal("withheld", network.Edge(a.Foodhub, a.Council)!["weight"]!.GetValue<string>());

        var steward = (await As(Steward).Get($"{NetworkOf(a.Id)}?asOf=2025-06-30"))!;
        Assert.Equal(5, EdgeBetween(steward["edges"]!, a.Harbour, a.OpenDoor)!["weight"]!.GetValue<int>());
        Assert.Equal(7, EdgeBetween(steward["edges"]!, a.Foodhub, a.Council)!["weight"]!.GetValue<int>());
    }

    [Fact]
    public async Task the_measured_tie_reads_its_weight_withheld_in_graphml()
    {
        var a = await AllianceWithSmallIdentifiableCounts();
        var graphml = (await ReadAsync(As(a.Commissioner), a.Id, "2025-06-30")).GraphMlEdge(a.Harbour, a.OpenDoor)!;
        Assert.False(graphml.ContainsKey("weight"), $"GraphML gives the weight {graphml.GetValueOrDefault("weight")}");
        Assert.False(graphml.ContainsKey("jointObservations"));
        Assert.Contains("weight withheld", graphml["withheld"]);
        Assert.Contains("jointObservations <5", graphml["withheld"]);
        Assert.Equal("3", graphml["sharedSessions"]);
    }

    [Fact]
    public async Task the_measured_tie_reads_its_weight_withheld_in_kumu()
    {
        var a = await AllianceWithSmallIdentifiableCounts();
        var connection = (await ReadAsync(As(a.Commissioner), a.Id, "2025-06-30")).KumuConnection("Harbour Housing", "Open Door")!;
        Assert.Equal(JsonValueKind.String, connection["weight"]!.GetValueKind());
        Assert.Equal("withheld", connection["weight"]!.GetValue<string>());
        Assert.Equal("<5", connection["joint observations"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_picture_draws_ties_of_withheld_weight_alike()
    {
        var a = await AllianceWithSmallIdentifiableCounts();
        var network = await ReadAsync(As(a.Commissioner), a.Id, "2025-06-30");
        // Ties of hidden weights 5 and 7 are drawn at one width, one that no shown weight has (1 + log2 of a whole number).
        var (_, title, width) = network.Line("Harbour Housing", "Open Door");
        Assert.Equal(width, network.Line("Foodhub", "Ashworth Council").Width);
        Assert.Equal("1.5", width);
        Assert.Contains("<5 joint observations", title);
        Assert.DoesNotContain("5 joint", title.Replace("<5 joint", ""));
    }

    [Fact]
    public void the_measured_tie_shows_a_commissioner_no_number_that_gives_back_its_joint_observations()
    {
        var (harbour, openDoor) = (Guid.NewGuid(), Guid.NewGuid());
        var partners = new[] { new Partner(harbour, "Harbour", PartnerKind.Vcse), new Partner(openDoor, "Open Door", PartnerKind.Vcse) };
        var tie = new Tie(harbour, openDoor, 2, true, 0, 3, new DateOnly(2025, 1, 10), new DateOnly(2025, 4, 9));
        var today = new DateOnly(2025, 6, 30);
        var network = CollaborationNetwork.Of(today, 90, partners, [tie]);

        var edge = network.View(new Viewer(AllianceRole.Commissioner, today)).Edges.Single();
        Assert.Equal((object)"<5", edge.JointObservations);
        Assert.Equal((object)"withheld", edge.Weight);
        Assert.Equal(3, edge.SharedSessions);
        Assert.Equal(5, network.View(new Viewer(AllianceRole.Steward, today)).Edges.Single().Weight);
    }
}
