using System.Text.Json;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Kumu's JSON import: <c>elements</c> (label, type, tags) and <c>connections</c> joined by label,
/// so labels are made unique. Capitals become tags; order, valence and intent are fields.
/// </summary>
public static class KumuExport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static byte[] Write(MapExportGraph graph)
    {
        var labels = graph.Nodes.ToDictionary(n => n.Id, n => n.UniqueLabel);
        var document = new Dictionary<string, object>
        {
            ["elements"] = graph.Nodes.Select(n => new Dictionary<string, object?>
            {
                ["label"] = n.UniqueLabel,
                ["type"] = n.Kind == "focus" ? "Focus" : "Ripple",
                ["tags"] = n.Capitals,
                ["id"] = n.Id.ToString(),
                ["order"] = n.Order,
                ["valence"] = n.Valence,
                ["intended"] = n.Intended,
            }).ToList(),
            ["connections"] = graph.Links.Select(l => new Dictionary<string, object?>
            {
                ["from"] = labels[l.From],
                ["to"] = labels[l.To],
                ["type"] = MapExportGraph.Spell(l.Relation),
                ["id"] = l.Id.ToString(),
                ["status"] = MapExportGraph.Spell(l.Status),
            }).ToList(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }
}
