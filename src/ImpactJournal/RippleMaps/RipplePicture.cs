using System.Globalization;
using System.Security;
using System.Text;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// A radial picture of a map as SVG: the focus at the centre, one ring per order, ripples the focus
/// cannot reach in an outer band. Each ripple is a pie of its capitals' colours; degenerative ripples
/// have a dashed dark-red outline. The same map always gives the same bytes.
/// </summary>
public static class RipplePicture
{
    private const double NodeRadius = RippleLayout.NodeRadius;

    public static readonly IReadOnlyDictionary<CommunityCapital, string> Colours = new Dictionary<CommunityCapital, string>
    {
        [CommunityCapital.Natural] = "#2e7d32",
        [CommunityCapital.Cultural] = "#8e24aa",
        [CommunityCapital.Human] = "#f9a825",
        [CommunityCapital.Social] = "#1e88e5",
        [CommunityCapital.Political] = "#6d4c41",
        [CommunityCapital.Financial] = "#00897b",
        [CommunityCapital.Built] = "#757575",
    };

    /// <summary>The picture; <paramref name="changed"/> ripples and links are outlined as changes (the "since the last session" view).</summary>
    public static byte[] Draw(RippleMapView map, IReadOnlySet<Guid>? changed = null) => Encoding.UTF8.GetBytes(Svg(map, changed));

    public static string Svg(RippleMapView map, IReadOnlySet<Guid>? changed = null, RippleLayout.Placement? layout = null)
    {
        changed ??= NothingChanged;
        layout ??= RippleLayout.Place(map);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{ViewBox(layout)}\" role=\"group\" aria-labelledby=\"map-title map-desc\" font-family=\"{RippleLabel.FontFamily}\" data-frame=\"{Frame(layout)}\" data-layout=\"{layout.Generation}\">\n");
        svg.Append($"<title id=\"map-title\">Ripple map: {X(map.Focus)}</title>\n");
        svg.Append($"<desc id=\"map-desc\">{X(Describe(map))}</desc>\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        svg.Append("<g id=\"frame\">");
        DrawFrame(svg, layout);
        svg.Append("</g>\n<g id=\"links\">\n");
        foreach (var link in map.Links.Where(l => l.Status != LinkStatus.Withdrawn).OrderBy(l => l.Id))
            DrawLink(svg, link, layout, changed.Contains(link.Id));
        svg.Append("</g>\n");
        DrawFocus(svg, map, layout);
        svg.Append("<g id=\"ripples\">\n");
        foreach (var node in map.Nodes.OrderBy(n => n.Id)) DrawNode(svg, node, layout.Spots[node.Id], changed.Contains(node.Id));
        svg.Append("</g>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The white backdrop, the rings, their names and the legend: what a board redraws when the picture grows.</summary>
    private static void DrawFrame(StringBuilder svg, RippleLayout.Placement layout)
    {
        var view = Viewed(layout);
        svg.Append("<rect id=\"backdrop\" x=\"").Append(N(view.Left)).Append("\" y=\"").Append(N(view.Top)).Append("\" width=\"").Append(N(view.Right - view.Left))
            .Append("\" height=\"").Append(N(view.Bottom - view.Top)).Append("\" fill=\"#ffffff\"/>\n<g id=\"rings\">\n");
        DrawRings(svg, layout);
        svg.Append("</g>\n");
        DrawLegend(svg, layout.Legend.Left, layout.Legend.Top);
    }

    /// <summary>
    /// The ripples and links that changed or moved, drawn where the whole picture draws them, for an open board to put
    /// into the picture it shows: a withdrawn link comes as an empty group, to be removed. The frame comes too
    /// (the picture may have grown). When ripples moved to a new layout generation, <paramref name="movedFrom"/> names the
    /// one they come from: a board showing it glides them; a board showing another generation fetches the picture whole.
    /// </summary>
    public static string Patch(RippleMapView map, RippleLayout.Placement layout, IReadOnlySet<Guid> ripples, IReadOnlySet<Guid> links, int? movedFrom = null)
    {
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" data-frame=\"{Frame(layout)}\" data-layout=\"{layout.Generation}\"{(movedFrom is { } from ? $" data-moved-from=\"{from}\"" : "")} data-viewbox=\"{ViewBox(layout)}\">");
        svg.Append($"<desc id=\"map-desc\">{X(Describe(map))}</desc>\n<g data-into=\"frame\">");
        DrawFrame(svg, layout);
        svg.Append("</g>\n<g data-into=\"links\">\n");
        foreach (var link in map.Links.Where(l => links.Contains(l.Id)).OrderBy(l => l.Id))
            if (link.Status == LinkStatus.Withdrawn) svg.Append($"<g id=\"l-{link.Id}\" data-gone=\"withdrawn\"></g>\n");
            else DrawLink(svg, link, layout, false);
        svg.Append("</g>\n<g data-into=\"ripples\">\n");
        foreach (var node in map.Nodes.Where(n => ripples.Contains(n.Id)).OrderBy(n => n.Id)) DrawNode(svg, node, layout.Spots[node.Id], false);
        return svg.Append("</g></svg>").ToString();
    }

    /// <summary>
    /// One branch or capital as an outline (<see cref="RippleOutline"/>): the focus on top, each ripple on its row under
    /// the ripple it hangs from, joined by a line (dotted when ripples of other capitals stand between them).
    /// </summary>
    public static string Outline(RippleMapView map, RippleOutline.Outline outline, string name)
    {
        var b = outline.Bounds;
        var view = $"{N(b.Left - Margin)} {N(b.Top - Margin)} {N(b.Right - b.Left + 2 * Margin)} {N(b.Bottom - b.Top + 2 * Margin)}";
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{view}\" role=\"group\" aria-labelledby=\"map-title map-desc\" font-family=\"{RippleLabel.FontFamily}\" data-frame=\"{view.Replace(' ', ',')}\" data-layout=\"{X(outline.Key)}\" class=\"outline\">\n");
        svg.Append($"<title id=\"map-title\">Ripple map: {X(map.Focus)}: {X(name)}</title>\n");
        svg.Append($"<desc id=\"map-desc\">{X(Count(outline.Rows.Count, "ripple"))} shown, each under the ripple it came from.</desc>\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        svg.Append($"<rect id=\"backdrop\" x=\"{N(b.Left - Margin)}\" y=\"{N(b.Top - Margin)}\" width=\"{N(b.Right - b.Left + 2 * Margin)}\" height=\"{N(b.Bottom - b.Top + 2 * Margin)}\" fill=\"#ffffff\"/>\n<g id=\"links\">\n");
        var spots = outline.Rows.ToDictionary(r => r.Id);
        foreach (var row in outline.Rows)
        {
            var (from, column) = row.HangsFrom == map.Id ? (outline.Focus, 0) : row.HangsFrom is { } id && spots.TryGetValue(id, out var above) ? (above.Spot, above.Column) : (null, -1);
            if (from is null || column != row.Column) continue;
            var (x, y, r) = (from.X, from.Y + (from.Ring == 0 ? RippleLayout.FocusRadius : RippleLayout.NodeRadius), row.Spot);
            svg.Append($"<path class=\"link\" d=\"M{N(x)},{N(y)} V{N(r.Y)} H{N(r.X - RippleLayout.NodeRadius)}\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\"{(row.Directly ? "" : " stroke-dasharray=\"3 5\"")} marker-end=\"url(#arrow)\"/>\n");
        }
        svg.Append("</g>\n");
        DrawFocus(svg, map, outline.Focus);
        svg.Append("<g id=\"ripples\">\n");
        var nodes = map.Nodes.ToDictionary(n => n.Id);
        foreach (var row in outline.Rows) DrawNode(svg, nodes[row.Id], row.Spot, false);
        return svg.Append("</g>\n</svg>\n").ToString();
    }

    private static string Count(int count, string thing) => count == 1 ? $"1 {thing}" : $"{count} {thing}s";

    private const double LegendRow = 34;
    /// <summary>The legend's size: its widest line ("degenerative", "disputed link") is under 200 units.</summary>
    internal static readonly (double Width, double Height) LegendSize = (210, 11.5 * LegendRow);
    private const double Margin = 20;

    /// <summary>The size of the picture of a map drawn within these bounds, its legend among them.</summary>
    public static (double Width, double Height) ViewedSize(RippleLayout.Box bounds) => (bounds.Right - bounds.Left + 2 * Margin, bounds.Bottom - bounds.Top + 2 * Margin);

    /// <summary>What the picture shows: the map and its legend.</summary>
    private static RippleLayout.Box Viewed(RippleLayout.Placement layout)
    {
        var all = layout.Bounds.Union(layout.Legend);
        return new RippleLayout.Box(all.Left - Margin, all.Top - Margin, all.Right + Margin, all.Bottom + Margin);
    }

    private static string ViewBox(RippleLayout.Placement layout)
    {
        var v = Viewed(layout);
        return $"{N(v.Left)} {N(v.Top)} {N(v.Right - v.Left)} {N(v.Bottom - v.Top)}";
    }

    private static string Frame(RippleLayout.Placement layout) =>
        string.Join(" ", layout.Rings.Select(r => $"{r.Order}:{N(r.Radius)}").Append(ViewBox(layout).Replace(' ', ',')));

    private static readonly IReadOnlySet<Guid> NothingChanged = new HashSet<Guid>();

    private static string Describe(RippleMapView map)
    {
        return $"{Count(map.Summary.Nodes, "ripple")} around the focus in {Count(map.Summary.ByOrder.Count, "ring")} by order, {map.Summary.Unreachable} not linked to the focus, "
            + $"{Count(map.Summary.Links, "link")}, {Count(map.Summary.ByValence["degenerative"], "degenerative ripple")} outlined in dashed red. "
            + $"As of {map.AsOf.ToString("u", CultureInfo.InvariantCulture)}.";
    }

    private static void DrawRings(StringBuilder svg, RippleLayout.Placement layout)
    {
        for (var i = 0; i < layout.Rings.Count; i++)
        {
            var ring = layout.Rings[i];
            svg.Append($"<ellipse cx=\"0\" cy=\"0\" rx=\"{N(ring.Radius * RippleLayout.Aspect)}\" ry=\"{N(ring.Radius)}\" fill=\"none\" stroke=\"#d0d0d0\" stroke-width=\"2\" stroke-dasharray=\"{(ring.Order == int.MaxValue ? "4 8" : "none")}\"><title>{layout.RingNames[i].Text}</title></ellipse>\n");
        }
        foreach (var name in layout.RingNames)
            svg.Append($"<text class=\"ring-name\" x=\"{N(name.X)}\" y=\"{N(name.Y)}\" text-anchor=\"middle\" font-size=\"{N(RippleLayout.RingNameFont)}\" fill=\"#595959\">{name.Text}</text>\n");
    }

    /// <summary>
    /// A link from a ripple to one of its children in its branch is straight. Any other link leaves its ripple, runs round the
    /// gap inside the target's ring and arrives at the target from the inside, so it passes between rings rather
    /// than through them, and its arrowhead never lands on a label (labels sit outwards).
    /// </summary>
    private static void DrawLink(StringBuilder svg, LinkView link, RippleLayout.Placement layout, bool changed)
    {
        if (!layout.Spots.TryGetValue(link.From, out var a) || !layout.Spots.TryGetValue(link.To, out var b)) return;
        var colour = changed ? "#e65100" : link.Relation == LinkRelation.Hindered ? "#c62828" : "#555";
        var dash = link.Status == LinkStatus.Disputed ? " stroke-dasharray=\"6 4\"" : "";
        var fromRadius = a.Ring == 0 ? RippleLayout.FocusRadius : RippleLayout.NodeRadius;
        string path;
        var inner = b.Ring <= 1 ? RippleLayout.FocusRadius * 3 : (layout.Rings[b.Ring - 2].Radius + layout.Rings[b.Ring - 1].Radius) / 2;
        var straight = layout.IsBranch(link.From, link.To) || (a.Ring == b.Ring - 1 && Math.Abs(Math.IEEERemainder(a.Angle - b.Angle, 2 * Math.PI)) < 0.35);
        if (straight || a.Ring == 0)
        {
            var (dx, dy) = (b.X - a.X, b.Y - a.Y);
            var length = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1);
            var (ux, uy) = (dx / length, dy / length);
            path = $"M{N(a.X + ux * fromRadius)},{N(a.Y + uy * fromRadius)} L{N(b.X - ux * RippleLayout.NodeRadius)},{N(b.Y - uy * RippleLayout.NodeRadius)}";
        }
        else
        {
            var (p1x, p1y) = RippleLayout.OnRing(inner, a.Angle);
            var (p2x, p2y) = RippleLayout.OnRing(inner, b.Angle);
            var sweep = Math.IEEERemainder(b.Angle - a.Angle, 2 * Math.PI) > 0 ? 1 : 0;
            var (ex, ey) = (b.X - p2x, b.Y - p2y);
            var last = Math.Max(Math.Sqrt(ex * ex + ey * ey), 1);
            var end = (b.X - ex / last * RippleLayout.NodeRadius, b.Y - ey / last * RippleLayout.NodeRadius);
            path = $"M{N(a.X)},{N(a.Y)} L{N(p1x)},{N(p1y)} A{N(inner * RippleLayout.Aspect)},{N(inner)} 0 0 {sweep} {N(p2x)},{N(p2y)} L{N(end.Item1)},{N(end.Item2)}";
        }
        svg.Append($"<path id=\"l-{link.Id}\" class=\"link{(changed ? " changed" : "")}\" data-from=\"{link.From}\" data-to=\"{link.To}\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(changed ? "4" : "2")}\"{dash} marker-end=\"url(#arrow)\" opacity=\"0.75\">");
        svg.Append($"<title>{Vocabulary.Spell(link.Relation)} ({Vocabulary.Spell(link.Status)})</title></path>\n");
    }

    private static void DrawFocus(StringBuilder svg, RippleMapView map, RippleLayout.Placement layout) => DrawFocus(svg, map, layout.Spots[map.Id]);

    private static void DrawFocus(StringBuilder svg, RippleMapView map, RippleLayout.Spot spot)
    {
        svg.Append($"<g id=\"focus\"><title>Focus: {X(map.Focus)}</title><circle cx=\"{N(spot.X)}\" cy=\"{N(spot.Y)}\" r=\"{N(RippleLayout.FocusRadius)}\" fill=\"#263238\"/>");
        svg.Append(Label(spot, "class=\"focus-label\" font-weight=\"bold\"")).Append("</g>\n");
    }

    private static void DrawNode(StringBuilder svg, NodeView node, RippleLayout.Spot spot, bool changed)
    {
        var at = (spot.X, spot.Y);
        var capitals = string.Join(", ", node.Capitals.Select(Vocabulary.Spell));
        var words = string.Join(" ", node.Capitals.Select(Vocabulary.Spell));
        svg.Append($"<g id=\"r-{node.Id}\" class=\"ripple{(changed ? " changed" : "")}\" data-capitals=\"{words}\" data-x=\"{N(at.X)}\" data-y=\"{N(at.Y)}\" data-added=\"{node.AddedAt.ToUnixTimeMilliseconds()}\"{(spot.Label.Shortened ? " tabindex=\"0\" role=\"button\"" : "")}><title>{X(node.Label)} — {(capitals.Length > 0 ? capitals : "not coded")}; {Vocabulary.Spell(node.Valence)}");
        if (node.Intended == false) svg.Append("; unintended");
        svg.Append("</title>");
        if (node.Capitals.Count == 0)
            svg.Append($"<circle cx=\"{N(at.X)}\" cy=\"{N(at.Y)}\" r=\"{N(NodeRadius)}\" fill=\"#e0e0e0\"/>");
        else if (node.Capitals.Count == 1)
            svg.Append($"<circle cx=\"{N(at.X)}\" cy=\"{N(at.Y)}\" r=\"{N(NodeRadius)}\" fill=\"{Colours[node.Capitals[0]]}\"/>");
        else
            for (var i = 0; i < node.Capitals.Count; i++) svg.Append(Slice(at, i, node.Capitals.Count, Colours[node.Capitals[i]]));
        var outline = node.Valence == Valence.Degenerative
            ? "stroke=\"#b71c1c\" stroke-width=\"3\" stroke-dasharray=\"4 2\""
            : "stroke=\"#37474f\" stroke-width=\"1\"";
        if (changed) svg.Append($"<circle class=\"change-mark\" cx=\"{N(at.X)}\" cy=\"{N(at.Y)}\" r=\"{N(NodeRadius + 6)}\" fill=\"none\" stroke=\"#e65100\" stroke-width=\"4\"/>");
        svg.Append($"<circle cx=\"{N(at.X)}\" cy=\"{N(at.Y)}\" r=\"{N(NodeRadius)}\" fill=\"none\" {outline}/>");
        svg.Append(Label(spot, "class=\"ripple-label\"")).Append("</g>\n");
    }

    private static string Slice((double X, double Y) at, int index, int count, string colour)
    {
        var start = 2 * Math.PI * index / count - Math.PI / 2;
        var end = 2 * Math.PI * (index + 1) / count - Math.PI / 2;
        var (x1, y1) = (at.X + NodeRadius * Math.Cos(start), at.Y + NodeRadius * Math.Sin(start));
        var (x2, y2) = (at.X + NodeRadius * Math.Cos(end), at.Y + NodeRadius * Math.Sin(end));
        var large = end - start > Math.PI ? 1 : 0;
        return $"<path d=\"M{N(at.X)},{N(at.Y)} L{N(x1)},{N(y1)} A{N(NodeRadius)},{N(NodeRadius)} 0 {large} 1 {N(x2)},{N(y2)} z\" fill=\"{colour}\"/>";
    }

    private static void DrawLegend(StringBuilder svg, double x, double y)
    {
        var size = N(RippleLayout.RingNameFont);
        svg.Append($"<g id=\"legend\" font-size=\"{size}\" fill=\"#212121\"><title>Legend</title><text x=\"{N(x)}\" y=\"{N(y + LegendRow)}\" font-weight=\"bold\">Capitals</text>");
        var row = 2;
        foreach (var (capital, colour) in Colours)
        {
            var cy = y + row++ * LegendRow;
            svg.Append($"<circle cx=\"{N(x + 10)}\" cy=\"{N(cy - 8)}\" r=\"10\" fill=\"{colour}\"/><text x=\"{N(x + 28)}\" y=\"{N(cy)}\">{Vocabulary.Spell(capital)}</text>");
        }
        var dy = y + row * LegendRow;
        svg.Append($"<circle cx=\"{N(x + 10)}\" cy=\"{N(dy - 8)}\" r=\"10\" fill=\"none\" stroke=\"#b71c1c\" stroke-width=\"3\" stroke-dasharray=\"4 2\"/><text x=\"{N(x + 28)}\" y=\"{N(dy)}\">degenerative</text>");
        svg.Append($"<line x1=\"{N(x)}\" y1=\"{N(dy + LegendRow - 8)}\" x2=\"{N(x + 20)}\" y2=\"{N(dy + LegendRow - 8)}\" stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{N(x + 28)}\" y=\"{N(dy + LegendRow)}\">disputed link</text>");
        svg.Append($"<line x1=\"{N(x)}\" y1=\"{N(dy + 2 * LegendRow - 8)}\" x2=\"{N(x + 20)}\" y2=\"{N(dy + 2 * LegendRow - 8)}\" stroke=\"#c62828\" stroke-width=\"2\"/><text x=\"{N(x + 28)}\" y=\"{N(dy + 2 * LegendRow)}\">hindered</text></g>\n");
    }

    /// <summary>A label's lines where the layout put them; a white halo keeps the words legible where links pass behind them.</summary>
    private static string Label(RippleLayout.Spot spot, string style)
    {
        var label = new StringBuilder($"<text x=\"{N(spot.LabelX)}\" y=\"{N(spot.Baseline)}\" text-anchor=\"{spot.Anchor}\" font-size=\"{N(spot.Label.FontSize)}\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\" {style}>");
        for (var i = 0; i < spot.Label.Lines.Count; i++)
            label.Append($"<tspan x=\"{N(spot.LabelX)}\" dy=\"{(i == 0 ? "0" : N(RippleLabel.LineHeight) + "em")}\">{X(spot.Label.Lines[i])}</tspan>");
        return label.Append("</text>").ToString();
    }

    private static string X(string text) => SecurityElement.Escape(XmlText.Clean(text)) ?? "";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
