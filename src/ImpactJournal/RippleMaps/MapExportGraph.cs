using ImpactJournal.Infrastructure;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// What every export writes: the focus as a node of its own (order 0) followed by the ripples, and
/// the links that are not withdrawn. Labels are made unique for formats that join by label (Kumu).
/// </summary>
public sealed record MapExportGraph(IReadOnlyList<ExportNode> Nodes, IReadOnlyList<LinkView> Links, RippleMapView Map)
{
    public static MapExportGraph Of(RippleMapView map)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string Unique(string label)
        {
            var candidate = label;
            for (var n = 2; !taken.Add(candidate); n++) candidate = $"{label} ({n})";
            return candidate;
        }

        var focus = new ExportNode(map.Id, "focus", map.Focus, Unique(map.Focus), 0, [], null, null);
        var ripples = map.Nodes.Select(n => new ExportNode(n.Id, "ripple", n.Label, Unique(n.Label), n.Order,
            [.. n.Capitals.Select(Vocabulary.Spell)], Vocabulary.Spell(n.Valence), n.Intended));
        return new MapExportGraph([focus, .. ripples], [.. map.Links.Where(l => l.Status != LinkStatus.Withdrawn)], map);
    }

    public static string Spell(LinkRelation relation) => Vocabulary.Spell(relation);

    public static string Spell(LinkStatus status) => Vocabulary.Spell(status);
}

public sealed record ExportNode(Guid Id, string Kind, string Label, string UniqueLabel, int? Order,
    IReadOnlyList<string> Capitals, string? Valence, bool? Intended);
