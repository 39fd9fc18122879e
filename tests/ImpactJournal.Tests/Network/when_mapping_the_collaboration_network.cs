using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Network;

public sealed class when_mapping_the_collaboration_network(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "network-steward@example.org";
    private const string Partner = "network-partner@example.org";
    private const string Facilitator = "network-facilitator@example.org";
    private const string Commissioner = "network-commissioner@example.org";

    private sealed record Alliance(Guid Id, Guid Harbour, Guid Foodhub, Guid OpenDoor, Guid Council, Guid Library, Guid Retracted, Guid January);

    /// <summary>
    /// Harbour (the partner member's organisation) logs with Foodhub in January (commissioner scope) and with Foodhub
    /// and Open Door twice in March (alliance scope); a facilitator's ripple names Open Door and the Council; a session
    /// in February brought Harbour and the Council together; a retracted observation with the Council counts for
    /// nothing; the Library has no ties.
    /// </summary>
    private async Task<Alliance> AnAlliance()
    {
        var (a, harbour) = await As(Steward).FormAllianceWithEveryRole("network");
        var foodhub = await As(Steward).AddPartner(a, "Foodhub", "community-group");
        var openDoor = await As(Steward).AddPartner(a, "Open Door", "vcse");
        var council = await As(Steward).AddPartner(a, "Ashworth Council", "council");
        var library = await As(Steward).AddPartner(a, "Library", "other");

        var january = await As(Partner).LogObservation(a, Observed("2025-01-14T10:00:00Z", "commissioners", foodhub));
        await As(Partner).LogObservation(a, Observed("2025-03-01T10:00:00Z", "alliance", foodhub, openDoor));
        await As(Partner).LogObservation(a, Observed("2025-03-01T15:00:00Z", "alliance", openDoor, foodhub, harbour));
        var retracted = await As(Partner).LogObservation(a, Observed("2025-03-02T10:00:00Z", "public", council));
        await As(Partner).Post($"/api/alliances/{a}/observations/{retracted}/retraction", new { reason = "Wrong day" }, expect: 200);

        var m = await As(Facilitator).StartMap(a);
        await As(Facilitator).Post($"{MapBuilder.Map(a, m)}/sessions",
            new { title = "February mapping", heldOn = "2025-02-01", participants = new { count = 9, roles = new[] { "residents" } }, partners = new[] { harbour, council } });
        await As(Facilitator).Post($"{MapBuilder.Map(a, m)}/ripples", new
        {
            label = "Council and Open Door share a caseworker", capitals = new[] { "social" }, valence = "generative", intended = (bool?)null,
            evidence = Array.Empty<object>(), causedBy = new[] { m }, withPartners = new[] { openDoor, council }
        });
        await CatchUpProjections();
        return new Alliance(a, harbour, foodhub, openDoor, council, library, retracted, january);
    }

    private static object Observed(string at, string scope, params Guid[] withPartners) => new
    {
        text = "We ran the Saturday pantry together.", observedAt = at, themes = new[] { "food" }, capitals = new[] { "social" },
        valence = "generative", consent = new { scope, identifiable = false }, withPartners
    };

    private static string Network(Guid a) => $"/api/alliances/{a}/network";

    private static JsonNode? EdgeBetween(JsonNode network, Guid x, Guid y) => network["edges"]!.AsArray().SingleOrDefault(e =>
        (e!["from"]!.GetValue<Guid>(), e["to"]!.GetValue<Guid>()) is var (f, t) && ((f == x && t == y) || (f == y && t == x)));

    private static double Betweenness(JsonNode network, Guid partner) =>
        network["nodes"]!.AsArray().Single(n => n!["partnerId"]!.GetValue<Guid>() == partner)!["betweenness"]!.GetValue<double>();

    [Fact]
    public async Task ties_come_from_joint_observations_ripples_and_sessions_with_measures_as_networkx_defines_them()
    {
        var a = await AnAlliance();
        var network = (await As(Steward).Get(Network(a.Id)))!;

        Assert.Equal(5, network["edges"]!.AsArray().Count);
        var harbourFoodhub = EdgeBetween(network, a.Harbour, a.Foodhub)!;
        Assert.Equal(3, harbourFoodhub["jointObservations"]!.GetValue<int>());
        Assert.Equal(3, harbourFoodhub["weight"]!.GetValue<int>());
        Assert.Equal("2025-01-14", harbourFoodhub["first"]!.GetValue<string>());
        Assert.Equal("2025-03-01", harbourFoodhub["latest"]!.GetValue<string>());
        Assert.Equal(2, EdgeBetween(network, a.Harbour, a.OpenDoor)!["jointObservations"]!.GetValue<int>());
        Assert.Equal(2, EdgeBetween(network, a.Foodhub, a.OpenDoor)!["jointObservations"]!.GetValue<int>());
        Assert.Equal(1, EdgeBetween(network, a.OpenDoor, a.Council)!["jointRipples"]!.GetValue<int>());
        var session = EdgeBetween(network, a.Harbour, a.Council)!;
        Assert.Equal(1, session["sharedSessions"]!.GetValue<int>());
        Assert.Equal(0, session["jointObservations"]!.GetValue<int>());
        Assert.Equal("2025-02-01", session["first"]!.GetValue<string>());

        // Harbour–Foodhub–Open Door is a triangle; Council joins Harbour and Open Door: networkx gives density 0.5,
        // betweenness 1/12 for Harbour and Open Door, 0 for the rest.
        Assert.Equal(0.5, network["density"]!.GetValue<double>(), 12);
        Assert.Equal(1.0 / 12, Betweenness(network, a.Harbour), 12);
        Assert.Equal(1.0 / 12, Betweenness(network, a.OpenDoor), 12);
        Assert.Equal(0, Betweenness(network, a.Foodhub), 12);
        Assert.Equal([a.Library], network["unconnected"]!.AsArray().Select(n => n!.GetValue<Guid>()));
        Assert.Equal(2, network["components"]!.AsArray().Count);
        Assert.Equal(4, network["components"]![0]!.AsArray().Count);
        Assert.Equal(0, network["nodes"]!.AsArray().Single(n => n!["partnerId"]!.GetValue<Guid>() == a.Library)!["degree"]!.GetValue<int>());
    }

    [Fact]
    public async Task as_of_a_day_the_network_holds_only_what_had_happened_and_a_diff_names_new_and_quiet_ties()
    {
        var a = await AnAlliance();
        var february = (await As(Steward).Get($"{Network(a.Id)}?asOf=2025-02-15"))!;
        Assert.Equal("2025-02-15", february["asOf"]!.GetValue<string>());
        Assert.Equal(2, february["edges"]!.AsArray().Count);
        Assert.Equal(1, EdgeBetween(february, a.Harbour, a.Foodhub)!["jointObservations"]!.GetValue<int>());
        Assert.NotNull(EdgeBetween(february, a.Harbour, a.Council));

        var diff = (await As(Steward).Get($"{Network(a.Id)}/diff?from=2025-02-15&to=2025-03-31&quietAfterDays=30"))!;
        var newTies = diff["newTies"]!.AsArray().Select(e => new HashSet<Guid> { e!["from"]!.GetValue<Guid>(), e["to"]!.GetValue<Guid>() }).ToList();
        Assert.Equal(2, newTies.Count);
        Assert.Contains(newTies, t => t.SetEquals([a.Harbour, a.OpenDoor]));
        Assert.Contains(newTies, t => t.SetEquals([a.Foodhub, a.OpenDoor]));
        // The February session was the Council's only tie with Harbour: 30 days without joint activity by 31 March.
        var quiet = Assert.Single(diff["quietTies"]!.AsArray())!;
        Assert.Equal(new HashSet<Guid> { a.Harbour, a.Council }, [quiet["from"]!.GetValue<Guid>(), quiet["to"]!.GetValue<Guid>()]);
        Assert.True(quiet["quiet"]!.GetValue<bool>());
        Assert.Equal([a.Library], diff["unconnected"]!.AsArray().Select(n => n!["partnerId"]!.GetValue<Guid>()));

        await As(Steward).Get($"{Network(a.Id)}/diff?to=2025-03-31", expect: 400);
        await As(Steward).Get($"{Network(a.Id)}/diff?from=2025-04-01&to=2025-03-31", expect: 400);
        await As(Steward).Get($"{Network(a.Id)}?quietAfterDays=0", expect: 400);
    }

    [Fact]
    public async Task amending_who_was_involved_moves_the_tie_and_unknown_partners_are_refused()
    {
        var a = await AnAlliance();
        await As(Partner).Post($"/api/alliances/{a.Id}/observations/{a.January}/amendments", new { withPartners = Array.Empty<Guid>() }, expect: 200);
        var observation = (await As(Partner).Get($"/api/alliances/{a.Id}/observations/{a.January}"))!;
        Assert.Empty(observation["withPartners"]!.AsArray());
        var network = (await As(Partner).Get(Network(a.Id)))!;
        var tie = EdgeBetween(network, a.Harbour, a.Foodhub)!;
        Assert.Equal(2, tie["jointObservations"]!.GetValue<int>());
        Assert.Equal("2025-03-01", tie["first"]!.GetValue<string>());

        var (other, _) = await As(Steward).FormAllianceWithEveryRole("network-other");
        var elsewhere = await As(Steward).AddPartner(other, "Elsewhere Trust");
        var refused = await As(Partner).Post($"/api/alliances/{a.Id}/observations", Observed("2025-05-01T10:00:00Z", "alliance", elsewhere), expect: 400);
        Assert.Contains("withPartners", refused!["errors"]!.AsObject().Select(e => e.Key));
        await As(Partner).Post($"/api/alliances/{a.Id}/observations/{a.January}/amendments", new { withPartners = new[] { elsewhere } }, expect: 400);
        await As(Partner).Post($"/api/alliances/{a.Id}/observations", Observed("2025-05-01T10:00:00Z", "alliance", Guid.Empty), expect: 400);

        // Nothing of this alliance reaches the other's network.
        var otherNetwork = (await As(Steward).Get(Network(other)))!;
        Assert.Empty(otherNetwork["edges"]!.AsArray());
        Assert.DoesNotContain(otherNetwork["nodes"]!.AsArray(), n => n!["partnerId"]!.GetValue<Guid>() == a.Foodhub);
    }

    [Fact]
    public async Task the_csv_import_names_other_partners_separated_by_semicolons()
    {
        var a = await AnAlliance();
        var csv = "observedAt,text,valence,consentScope,identifiable,withPartners\n"
                  + $"2025-06-01T10:00:00Z,Shared a van,generative,public,false,{a.Library};{a.Council}\n"
                  + $"2025-06-02T10:00:00Z,Shared a room,generative,public,false,not-a-partner\n";
        var (status, _, body, _) = await As(Partner).SendBytes(HttpMethod.Post, $"/api/alliances/{a.Id}/observations/import", Encoding.UTF8.GetBytes(csv), "text/csv");
        Assert.Equal(200, status);
        var result = JsonNode.Parse(body)!;
        Assert.Equal(1, result["imported"]!.GetValue<int>());
        Assert.Equal(3, result["rejected"]![0]!["line"]!.GetValue<int>());
        await CatchUpProjections();

        var network = (await As(Steward).Get(Network(a.Id)))!;
        Assert.Equal(1, EdgeBetween(network, a.Harbour, a.Library)!["jointObservations"]!.GetValue<int>());
        Assert.Equal(1, EdgeBetween(network, a.Library, a.Council)!["jointObservations"]!.GetValue<int>());
        Assert.Empty(network["unconnected"]!.AsArray());
    }

    [Fact]
    public async Task commissioners_see_partner_names_and_only_the_ties_they_may_read()
    {
        var a = await AnAlliance();
        var network = (await As(Commissioner).Get(Network(a.Id)))!;
        Assert.Contains(network["nodes"]!.AsArray(), n => n!["name"]!.GetValue<string>() == "Foodhub");
        // The March observations were alliance-scope: Open Door's ties with Harbour and Foodhub are not a commissioner's.
        Assert.Null(EdgeBetween(network, a.Harbour, a.OpenDoor));
        Assert.Null(EdgeBetween(network, a.Foodhub, a.OpenDoor));
        var january = EdgeBetween(network, a.Harbour, a.Foodhub)!;
        Assert.Equal(1, january["jointObservations"]!.GetValue<int>());
        Assert.Equal("2025-01-14", january["latest"]!.GetValue<string>());
        Assert.Equal(1, EdgeBetween(network, a.Harbour, a.Council)!["weight"]!.GetValue<int>());
        Assert.Equal(0.3, network["density"]!.GetValue<double>(), 12);

        var graphml = XDocument.Parse((await As(Commissioner).SendRaw(HttpMethod.Get, $"{Network(a.Id)}/export?format=graphml", null)).Body);
        Assert.Equal(3, graphml.Descendants().Count(e => e.Name.LocalName == "edge"));
        Assert.DoesNotContain(graphml.Descendants(), e => e.Name.LocalName == "data" && e.Attribute("key")!.Value == "jointObservations" && e.Value == "2");
    }

    [Fact]
    public async Task exports_open_in_networkx_and_kumu_and_the_picture_names_every_partner()
    {
        var a = await AnAlliance();
        var network = (await As(Steward).Get(Network(a.Id)))!;
        var (status, contentType, graphml, _) = await As(Steward).SendRaw(HttpMethod.Get, $"{Network(a.Id)}/export?format=graphml", null);
        Assert.Equal(200, status);
        Assert.StartsWith("application/graphml+xml", contentType);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.graphml");
        await File.WriteAllTextAsync(file, graphml);
        var loaded = JsonNode.Parse(await ExternalTool.RunAsync("python3", "-c", """
            import json, sys, networkx
            g = networkx.read_graphml(sys.argv[1])
            print(json.dumps({"density": networkx.density(g), "betweenness": networkx.betweenness_centrality(g),
                              "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "names": sorted(d["name"] for _, d in g.nodes(data=True))}))
            """, file))!;
        File.Delete(file);
        Assert.Equal(network["density"]!.GetValue<double>(), loaded["density"]!.GetValue<double>(), 12);
        Assert.Equal(5, loaded["nodes"]!.GetValue<int>());
        Assert.Equal(5, loaded["edges"]!.GetValue<int>());
        Assert.Equal(Betweenness(network, a.Harbour), loaded["betweenness"]![a.Harbour.ToString()]!.GetValue<double>(), 12);

        var kumu = JsonNode.Parse((await As(Steward).SendRaw(HttpMethod.Get, $"{Network(a.Id)}/export?format=kumu", null)).Body)!;
        Assert.Equal(5, kumu["elements"]!.AsArray().Count);
        Assert.Equal(5, kumu["connections"]!.AsArray().Count);
        await As(Steward).Get($"{Network(a.Id)}/export?format=pdf", expect: 400);

        var (pictureStatus, pictureType, svg, _) = await As(Steward).SendRaw(HttpMethod.Get, $"{Network(a.Id)}/picture", null);
        Assert.Equal(200, pictureStatus);
        Assert.StartsWith("image/svg+xml", pictureType);
        var picture = XDocument.Parse(svg);
        var texts = picture.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Equal(["Ashworth Council", "Foodhub", "Harbour Housing", "Library", "Open Door"], texts.Order());
        Assert.Equal(5, picture.Descendants().Count(e => e.Name.LocalName == "line"));
    }
}
