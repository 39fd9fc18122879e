using System.Text;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Network;

/// <summary>
/// The network end to end: random journals (partners, observations naming others through the CSV import, some
/// retracted) go in through the API; the network endpoint's ties are checked against pairs recomputed from what was
/// sent, and its GraphML export against networkx's own density, betweenness and components.
/// </summary>
public sealed class when_networks_come_from_random_journals(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "random-network-steward@example.org";

    [Fact]
    public async Task ties_and_measures_agree_with_a_recomputation_and_networkx()
    {
        var random = new Random(27);
        for (var journal = 0; journal < 12; journal++)
        {
            var a = await As(Steward).FormAlliance($"Random network {journal}");
            var partners = new List<Guid>();
            for (var p = 0; p < random.Next(2, 16); p++) partners.Add(await As(Steward).AddPartner(a, $"Partner {p}"));

            var expected = new Dictionary<(Guid, Guid), int>();
            var csv = new StringBuilder("id,observedAt,text,valence,partnerId,consentScope,identifiable,withPartners\n");
            var retract = new List<Guid>();
            for (var o = 0; o < random.Next(0, 40); o++)
            {
                var own = partners[random.Next(partners.Count)];
                var others = Enumerable.Range(0, random.Next(0, 4)).Select(_ => partners[random.Next(partners.Count)]).ToList();
                var id = Guid.NewGuid();
                csv.Append($"{id},2025-0{random.Next(1, 10)}-1{random.Next(0, 9)}T10:00:00Z,Together,generative,{own},alliance,false,{string.Join(';', others)}\n");
                if (random.Next(8) == 0) { retract.Add(id); continue; }
                var involved = others.Append(own).Distinct().Select(p => p.ToString("N")).Order(StringComparer.Ordinal).Select(Guid.Parse).ToList();
                for (var i = 0; i < involved.Count; i++)
                    for (var j = i + 1; j < involved.Count; j++)
                        expected[(involved[i], involved[j])] = expected.GetValueOrDefault((involved[i], involved[j])) + 1;
            }
            var (status, _, body, _) = await As(Steward).SendBytes(HttpMethod.Post, $"/api/alliances/{a}/observations/import", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv");
            Assert.True(status == 200, body);
            await CatchUpProjections();
            foreach (var id in retract)
                await As(Steward).Post($"/api/alliances/{a}/observations/{id}/retraction", new { reason = "Not joint after all" }, expect: 200);
            await CatchUpProjections();

            var network = (await As(Steward).Get($"/api/alliances/{a}/network"))!;
            var ties = network["edges"]!.AsArray().ToDictionary(e => (e!["from"]!.GetValue<Guid>(), e["to"]!.GetValue<Guid>()), e => e!["jointObservations"]!.GetValue<int>());
            Assert.Equal(expected.OrderBy(t => t.Key), ties.OrderBy(t => t.Key));

            var graphml = (await As(Steward).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/network/export?format=graphml", null)).Body;
            var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.graphml");
            await File.WriteAllTextAsync(file, graphml);
            var measured = JsonNode.Parse(await ExternalTool.RunAsync("python3", "-c", """
                import json, sys, networkx
                g = networkx.read_graphml(sys.argv[1])
                print(json.dumps({"density": networkx.density(g), "betweenness": networkx.betweenness_centrality(g),
                                  "components": networkx.number_connected_components(g)}))
                """, file))!;
            File.Delete(file);
            Assert.Equal(measured["density"]!.GetValue<double>(), network["density"]!.GetValue<double>(), 12);
            Assert.Equal(measured["components"]!.GetValue<int>(), network["components"]!.AsArray().Count);
            foreach (var node in network["nodes"]!.AsArray())
                Assert.Equal(measured["betweenness"]![node!["partnerId"]!.GetValue<string>()]!.GetValue<double>(), node["betweenness"]!.GetValue<double>(), 12);
        }
    }
}
