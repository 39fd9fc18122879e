using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

public sealed class when_exporting_a_map(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "export-steward@example.org";
    private const string Partner = "export-partner@example.org";
    private const string Facilitator = "export-facilitator@example.org";

    private async Task<(Guid Alliance, Guid Map, Guid Withdrawn)> AMap()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("export");
        var m = await As(Facilitator).StartMap(a, "Fridge \"St Mark's\" & <hall>");
        var first = await As(Partner).AddRipple(a, m, "Volunteers trained,\nwith \"certificates\"", ["human", "social"], [m]);
        var second = await As(Partner).AddRipple(a, m, "Bins overflow", ["built"], [first], valence: "degenerative", intended: false);
        await As(Partner).AddRipple(a, m, "Volunteers trained,\nwith \"certificates\"", ["cultural"], [second], intended: null);
        await As(Partner).AddRipple(a, m, "Unlinked idea", ["natural"]);
        var hindered = await As(Partner).Link(a, m, second, first, "hindered");
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links/{hindered}/disputes", new { reason = "Unclear" }, expect: 200);
        var withdrawn = await As(Partner).Link(a, m, m, second, "enabled");
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links/{withdrawn}/withdrawal", new { reason = "Wrong" }, expect: 200);
        return (a, m, withdrawn);
    }

    private async Task<(string ContentType, byte[] Bytes)> Export(Guid a, Guid m, string format)
    {
        var (status, contentType, _, result) = await As(Partner).SendRaw(HttpMethod.Get, $"{MapBuilder.Map(a, m)}/export?format={format}", null);
        Assert.Equal(200, status);
        result.Context.Response.Body.Position = 0;
        using var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        return (contentType, buffer.ToArray());
    }

    [Fact]
    public async Task graphml_loads_in_networkx_with_the_same_nodes_edges_and_attributes()
    {
        var (a, m, withdrawn) = await AMap();
        var map = (await As(Partner).Get(MapBuilder.Map(a, m)))!;
        var (contentType, bytes) = await Export(a, m, "graphml");
        Assert.StartsWith("application/graphml+xml", contentType);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.graphml");
        await File.WriteAllBytesAsync(file, bytes);

        var loaded = JsonNode.Parse(await ExternalTool.RunAsync("python3", "-c", """
            import json, sys, networkx
            g = networkx.read_graphml(sys.argv[1])
            print(json.dumps({"directed": g.is_directed(), "nodes": {n: d for n, d in g.nodes(data=True)},
                              "edges": [[u, v, d] for u, v, d in g.edges(data=True)]}))
            """, file))!;

        Assert.True(loaded["directed"]!.GetValue<bool>());
        var nodes = loaded["nodes"]!.AsObject();
        Assert.Equal(map["nodes"]!.AsArray().Count + 1, nodes.Count);
        Assert.Equal("focus", nodes[m.ToString()]!["kind"]!.GetValue<string>());
        foreach (var node in map["nodes"]!.AsArray())
        {
            var exported = nodes[node!["id"]!.GetValue<string>()]!;
            Assert.Equal(node["label"]!.GetValue<string>(), exported["label"]!.GetValue<string>());
            Assert.Equal(node["order"]?.GetValue<int>(), exported["order"]?.GetValue<int>());
            Assert.Equal(string.Join(';', node["capitals"]!.AsArray().Select(c => c!.GetValue<string>())), exported["capitals"]!.GetValue<string>());
            Assert.Equal(node["valence"]!.GetValue<string>(), exported["valence"]!.GetValue<string>());
            Assert.Equal(node["intended"]?.GetValue<bool>(), exported["intended"]?.GetValue<bool>());
        }
        var counted = map["links"]!.AsArray().Where(l => l!["status"]!.GetValue<string>() != "withdrawn").ToList();
        var edges = loaded["edges"]!.AsArray();
        Assert.Equal(counted.Count, edges.Count);
        Assert.DoesNotContain(edges, e => e![2]!["id"]?.GetValue<string>() == withdrawn.ToString());
        foreach (var link in counted)
            Assert.Contains(edges, e => e![0]!.GetValue<string>() == link!["from"]!.GetValue<string>()
                && e[1]!.GetValue<string>() == link["to"]!.GetValue<string>()
                && e[2]!["relation"]!.GetValue<string>() == link["relation"]!.GetValue<string>()
                && e[2]!["status"]!.GetValue<string>() == link["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task dot_renders_with_graphviz()
    {
        var (a, m, _) = await AMap();
        var (contentType, bytes) = await Export(a, m, "dot");
        Assert.StartsWith("text/vnd.graphviz", contentType);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.dot");
        await File.WriteAllBytesAsync(file, bytes);

        var svg = XDocument.Parse(await ExternalTool.RunAsync("dot", "-Tsvg", file));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(5, svg.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "node"));
        Assert.Equal(4, svg.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "edge"));
        Assert.Contains("Bins overflow", svg.ToString());
    }

    [Fact]
    public async Task kumu_connects_elements_by_unique_labels_and_csv_holds_nodes_and_links()
    {
        var (a, m, _) = await AMap();
        var kumu = JsonNode.Parse((await Export(a, m, "kumu")).Bytes)!;
        var labels = kumu["elements"]!.AsArray().Select(e => e!["label"]!.GetValue<string>()).ToList();
        Assert.Equal(5, labels.Count);
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(kumu["connections"]!.AsArray(), c =>
        {
            Assert.Contains(c!["from"]!.GetValue<string>(), labels);
            Assert.Contains(c["to"]!.GetValue<string>(), labels);
        });
        Assert.Equal(4, kumu["connections"]!.AsArray().Count);
        Assert.Contains(kumu["elements"]!.AsArray(), e => e!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).SequenceEqual(["human", "social"]));

        var (contentType, zipBytes) = await Export(a, m, "csv");
        Assert.Equal("application/zip", contentType);
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var nodes = new StreamReader(zip.GetEntry("nodes.csv")!.Open(), Encoding.UTF8).ReadToEnd();
        var links = new StreamReader(zip.GetEntry("links.csv")!.Open(), Encoding.UTF8).ReadToEnd();
        Assert.StartsWith("id,kind,label,order,capitals,valence,intended\r\n", nodes);
        Assert.Contains("\"Volunteers trained,\nwith \"\"certificates\"\"\"", nodes);
        Assert.Equal(5, links.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        await As(Partner).Get($"{MapBuilder.Map(a, m)}/export?format=pdf", expect: 400);
        await As(Partner).Get($"{MapBuilder.Map(a, m)}/export", expect: 400);
    }

    [Fact]
    public async Task the_picture_is_an_accessible_deterministic_svg()
    {
        var (a, m, _) = await AMap();
        var (status, contentType, svgText, _) = await As(Partner).SendRaw(HttpMethod.Get, $"{MapBuilder.Map(a, m)}/picture", null);
        Assert.Equal(200, status);
        Assert.StartsWith("image/svg+xml", contentType);
        var again = await As(Partner).SendRaw(HttpMethod.Get, $"{MapBuilder.Map(a, m)}/picture", null);
        Assert.Equal(svgText, again.Body);

        var svg = XDocument.Parse(svgText);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.NotNull(svg.Root!.Attribute("viewBox"));
        Assert.Contains("St Mark", svg.Root.Element(ns + "title")!.Value);
        Assert.Contains("degenerative", svg.Root.Element(ns + "desc")!.Value);
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value.StartsWith("Volunteers trained,\nwith \"certificates\""));
        Assert.Contains(svg.Descendants(ns + "circle"), c => (string?)c.Attribute("stroke-dasharray") == "4 2");
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value == "Legend");
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value == "not linked to the focus");
    }
}
