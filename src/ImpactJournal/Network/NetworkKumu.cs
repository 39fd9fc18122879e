using System.Text.Json;

namespace ImpactJournal.Network;

/// <summary>
/// Kumu's JSON import: partners as <c>elements</c> (joined by label, so labels are made unique) and ties as
/// undirected <c>connections</c> with their counts and dates as fields.
/// </summary>
public static class NetworkKumu
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static byte[] Write(NetworkView network)
    {
        var labels = UniqueLabels(network.Nodes);
        var document = new Dictionary<string, object>
        {
            ["elements"] = network.Nodes.Select(n => new Dictionary<string, object?>
            {
                ["label"] = labels[n.PartnerId],
                ["type"] = "Partner",
                ["tags"] = new[] { n.Kind },
                ["id"] = n.PartnerId.ToString(),
                ["degree"] = n.Degree,
                ["betweenness"] = n.Betweenness,
            }).ToList(),
            ["connections"] = network.Edges.Select(e => new Dictionary<string, object?>
            {
                ["from"] = labels[e.From],
                ["to"] = labels[e.To],
                ["direction"] = "undirected",
                ["type"] = "Collaboration",
                ["weight"] = e.Weight,
                ["joint observations"] = e.JointObservations,
                ["joint ripples"] = e.JointRipples,
                ["shared sessions"] = e.SharedSessions,
                ["first"] = e.First.ToString("yyyy-MM-dd"),
                ["latest"] = e.Latest.ToString("yyyy-MM-dd"),
                ["quiet"] = e.Quiet,
            }).ToList(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }

    private static Dictionary<Guid, string> UniqueLabels(IEnumerable<NetworkNode> nodes)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var labels = new Dictionary<Guid, string>();
        foreach (var node in nodes)
        {
            var label = node.Name;
            for (var n = 2; !used.Add(label); n++) label = $"{node.Name} ({n})";
            labels[node.PartnerId] = label;
        }
        return labels;
    }
}
