using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.Network;

/// <summary>One reader's network in every format the service publishes it in, read back into plain values.</summary>
public sealed record NetworkFormats(JsonNode Json, XDocument GraphMl, JsonNode Kumu, XDocument Picture)
{
    public static string NetworkOf(Guid allianceId) => $"/api/alliances/{allianceId}/network";

    public static async Task<NetworkFormats> ReadAsync(Support.Api reader, Guid allianceId, string? asOf = null)
    {
        var query = asOf is null ? "" : $"asOf={asOf}";
        var json = (await reader.Get($"{NetworkOf(allianceId)}?{query}"))!;
        var graphml = XDocument.Parse((await reader.SendRaw(HttpMethod.Get, $"{NetworkOf(allianceId)}/export?format=graphml&{query}", null)).Body);
        var kumu = JsonNode.Parse((await reader.SendRaw(HttpMethod.Get, $"{NetworkOf(allianceId)}/export?format=kumu&{query}", null)).Body)!;
        var picture = XDocument.Parse((await reader.SendRaw(HttpMethod.Get, $"{NetworkOf(allianceId)}/picture?{query}", null)).Body);
        return new NetworkFormats(json, graphml, kumu, picture);
    }

    public static JsonNode? EdgeBetween(JsonNode edges, Guid x, Guid y) => edges.AsArray().SingleOrDefault(e =>
        (e!["from"]!.GetValue<Guid>(), e["to"]!.GetValue<Guid>()) is var (f, t) && ((f == x && t == y) || (f == y && t == x)));

    public JsonNode? Edge(Guid x, Guid y) => EdgeBetween(Json["edges"]!, x, y);

    /// <summary>The GraphML edge between two partners: its data keys and values.</summary>
    public IReadOnlyDictionary<string, string>? GraphMlEdge(Guid x, Guid y) => GraphMl.Descendants()
        .Where(e => e.Name.LocalName == "edge")
        .Where(e => new HashSet<string> { e.Attribute("source")!.Value, e.Attribute("target")!.Value }.SetEquals([x.ToString(), y.ToString()]))
        .Select(e => (IReadOnlyDictionary<string, string>)e.Elements().ToDictionary(d => d.Attribute("key")!.Value, d => d.Value))
        .SingleOrDefault();

    public int GraphMlEdges => GraphMl.Descendants().Count(e => e.Name.LocalName == "edge");

    /// <summary>The Kumu connection between two partners (Kumu joins by label, the partner's name here).</summary>
    public JsonNode? KumuConnection(string x, string y) => Kumu["connections"]!.AsArray().SingleOrDefault(c =>
        new HashSet<string> { c!["from"]!.GetValue<string>(), c["to"]!.GetValue<string>() }.SetEquals([x, y]));

    /// <summary>Each tie drawn in the picture: the names its title gives, its title and its stroke width.</summary>
    public IReadOnlyList<(HashSet<string> Names, string Title, string Width)> Lines => [.. Picture.Descendants()
        .Where(e => e.Name.LocalName == "line")
        .Select(line =>
        {
            var title = line.Elements().Single(t => t.Name.LocalName == "title").Value;
            var names = title.Split(": ", 2)[0].Split(" – ");
            return (new HashSet<string>(names), title, line.Attribute("stroke-width")!.Value);
        })];

    public (HashSet<string> Names, string Title, string Width) Line(string x, string y) => Lines.Single(l => l.Names.SetEquals([x, y]));
}
