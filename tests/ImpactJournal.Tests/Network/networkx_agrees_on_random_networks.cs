using System.Text.Json.Nodes;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using ImpactJournal.Network;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Network;

/// <summary>
/// The service's network measures against networkx's own: 240 random networks (sparse and dense, 1 to 60 partners,
/// isolated partners and several components) are exported as GraphML and Kumu JSON exactly as the endpoint exports
/// them; networkx opens each file and computes density, degree, betweenness and components itself.
/// </summary>
public sealed class networkx_agrees_on_random_networks
{
    private const int Networks = 240;

    [Fact]
    public async Task on_density_degree_betweenness_and_components()
    {
        var folder = Directory.CreateTempSubdirectory("networkx-check-").FullName;
        var random = new Random(20261127);
        for (var i = 0; i < Networks; i++)
        {
            var view = RandomNetwork(random, i).View(new Viewer(AllianceRole.Steward, new DateOnly(2026, 11, 27)));
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{i:000}.graphml"), NetworkGraphMl.Write(view));
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{i:000}.kumu.json"), NetworkKumu.Write(view));
        }

        var report = JsonNode.Parse(await ExternalTool.RunAsync("python3", "-c", Check, folder))!;
        Assert.Equal(Networks, report["checked"]!.GetValue<int>());
        Assert.True(report["mismatches"]!.AsArray().Count == 0, report["mismatches"]!.ToJsonString());
        Directory.Delete(folder, recursive: true);
    }

    private static CollaborationNetwork RandomNetwork(Random random, int index)
    {
        var size = index switch { 0 => 1, 1 => 2, 2 => 3, _ => random.Next(1, 61) };
        var partners = Enumerable.Range(0, size).Select(i => new Partner(Guid.NewGuid(), $"Partner {i} & <co>", PartnerKind.Vcse)).ToList();
        // Densities from a bare scattering of ties to nearly complete.
        var chance = index % 4 == 0 ? random.NextDouble() : random.NextDouble() * 4 / Math.Max(1, size);
        var ties = new List<Tie>();
        foreach (var (from, to) in JointActivity.Pairs([.. partners.Select(p => p.Id)]))
            if (random.NextDouble() < chance)
                ties.Add(new Tie(from, to, random.Next(0, 9), false, random.Next(0, 3), random.Next(1, 3),
                    new DateOnly(2024, 1, 1).AddDays(random.Next(0, 300)), new DateOnly(2025, 1, 1).AddDays(random.Next(0, 300))));
        return CollaborationNetwork.Of(new DateOnly(2026, 11, 27), 90, partners, ties);
    }

    private const string Check = """
        import glob, json, math, os, sys
        import networkx as nx

        mismatches = []
        def close(a, b):
            return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)

        files = sorted(glob.glob(os.path.join(sys.argv[1], "*.graphml")))
        for path in files:
            g = nx.read_graphml(path)
            name = os.path.basename(path)
            if g.is_directed():
                mismatches.append([name, "directed"])
            if not close(nx.density(g), g.graph["density"]):
                mismatches.append([name, "density", nx.density(g), g.graph["density"]])
            if nx.number_connected_components(g) != g.graph["components"]:
                mismatches.append([name, "components", nx.number_connected_components(g), g.graph["components"]])
            betweenness = nx.betweenness_centrality(g)
            for node, data in g.nodes(data=True):
                if g.degree(node) != data["degree"]:
                    mismatches.append([name, node, "degree", g.degree(node), data["degree"]])
                if not close(betweenness[node], data["betweenness"]):
                    mismatches.append([name, node, "betweenness", betweenness[node], data["betweenness"]])
            for u, v, data in g.edges(data=True):
                if data["weight"] != data["jointObservations"] + data["jointRipples"] + data["sharedSessions"]:
                    mismatches.append([name, u, v, "weight"])

            with open(path.replace(".graphml", ".kumu.json"), encoding="utf-8") as f:
                kumu = json.load(f)
            k = nx.Graph()
            k.add_nodes_from(e["label"] for e in kumu["elements"])
            k.add_edges_from((c["from"], c["to"]) for c in kumu["connections"])
            if k.number_of_nodes() != g.number_of_nodes() or k.number_of_edges() != g.number_of_edges():
                mismatches.append([name, "kumu size"])
            if not close(nx.density(k), g.graph["density"]):
                mismatches.append([name, "kumu density", nx.density(k), g.graph["density"]])
            kb = nx.betweenness_centrality(k)
            for e in kumu["elements"]:
                if not close(kb[e["label"]], e["betweenness"]):
                    mismatches.append([name, e["label"], "kumu betweenness", kb[e["label"]], e["betweenness"]])

        print(json.dumps({"checked": len(files), "mismatches": mismatches[:20]}))
        """;
}
