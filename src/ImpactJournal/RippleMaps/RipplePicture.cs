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
    private const double NodeRadius = 14;
    private const int LabelLength = 22;
    private const int FocusLineLength = 30;

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
        var extent = Extent(layout);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{N(-extent)} {N(-extent)} {N(2 * extent)} {N(2 * extent)}\" role=\"img\" aria-labelledby=\"map-title map-desc\" font-family=\"sans-serif\" data-frame=\"{Frame(layout)}\">\n");
        svg.Append($"<title id=\"map-title\">Ripple map: {X(map.Focus)}</title>\n");
        svg.Append($"<desc id=\"map-desc\">{X(Describe(map))}</desc>\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        DrawFrame(svg, layout, extent);
        svg.Append("<g id=\"links\">\n");
        foreach (var link in map.Links.Where(l => l.Status != LinkStatus.Withdrawn).OrderBy(l => l.Id))
            DrawLink(svg, link, layout.Positions, changed.Contains(link.Id));
        svg.Append("</g>\n");
        DrawFocus(svg, map);
        svg.Append("<g id=\"ripples\">\n");
        foreach (var node in map.Nodes.OrderBy(n => n.Id)) DrawNode(svg, node, layout.Positions[node.Id], changed.Contains(node.Id));
        svg.Append("</g>\n");
        DrawLegend(svg, -extent + 10, -extent + 10);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The white backdrop and the rings: what a board redraws when a new ring appears further out.</summary>
    private static void DrawFrame(StringBuilder svg, RippleLayout.Placement layout, double extent)
    {
        svg.Append("<rect id=\"backdrop\" x=\"").Append(N(-extent)).Append("\" y=\"").Append(N(-extent)).Append("\" width=\"").Append(N(2 * extent))
            .Append("\" height=\"").Append(N(2 * extent)).Append("\" fill=\"#ffffff\"/>\n<g id=\"rings\">\n");
        DrawRings(svg, layout.Rings);
        svg.Append("</g>\n");
    }

    /// <summary>
    /// The ripples and links that changed, drawn where the whole picture draws them, for an open board to put
    /// into the picture it shows: a withdrawn link comes as an empty group, to be removed. The frame (rings and
    /// extent) comes too: a board whose rings are the first of these redraws the frame (a ring was added further
    /// out); one whose rings moved fetches the picture whole.
    /// </summary>
    public static string Patch(RippleMapView map, RippleLayout.Placement layout, IReadOnlySet<Guid> ripples, IReadOnlySet<Guid> links)
    {
        var extent = Extent(layout);
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" data-frame=\"{Frame(layout)}\" data-viewbox=\"{N(-extent)} {N(-extent)} {N(2 * extent)} {N(2 * extent)}\">");
        svg.Append($"<desc id=\"map-desc\">{X(Describe(map))}</desc>\n<g data-into=\"frame\">");
        DrawFrame(svg, layout, extent);
        DrawLegend(svg, -extent + 10, -extent + 10);
        svg.Append("</g>\n<g data-into=\"links\">\n");
        foreach (var link in map.Links.Where(l => links.Contains(l.Id)).OrderBy(l => l.Id))
            if (link.Status == LinkStatus.Withdrawn) svg.Append($"<g id=\"l-{link.Id}\" data-gone=\"withdrawn\"></g>\n");
            else DrawLink(svg, link, layout.Positions, false);
        svg.Append("</g>\n<g data-into=\"ripples\">\n");
        foreach (var node in map.Nodes.Where(n => ripples.Contains(n.Id)).OrderBy(n => n.Id)) DrawNode(svg, node, layout.Positions[node.Id], false);
        return svg.Append("</g></svg>").ToString();
    }

    // A map of one or two rings keeps the same frame, so the first ripples do not zoom the picture.
    private static double Extent(RippleLayout.Placement layout) => Math.Max(layout.Extent, MinimumExtent) + 3 * NodeRadius + 60;

    /// <summary>The picture's rings (order and radius) and its extent, as the SVG's <c>data-frame</c> carries them.</summary>
    public static string Frame(RippleLayout.Placement layout) =>
        string.Join(" ", layout.Rings.Select(r => $"{r.Order}:{N(r.Radius)}").Append(N(Extent(layout))));

    private static readonly IReadOnlySet<Guid> NothingChanged = new HashSet<Guid>();
    private static readonly double MinimumExtent = RippleLayout.FirstRing + RippleLayout.RingGap + 2 * (RippleLayout.Lanes - 1) * RippleLayout.LaneGap;

    private static string Describe(RippleMapView map)
    {
        var orders = map.Summary.ByOrder.Count;
        return $"{map.Summary.Nodes} ripples around the focus in {orders} ring(s) by order, {map.Summary.Unreachable} not linked to the focus, "
            + $"{map.Summary.Links} links, {map.Summary.ByValence["degenerative"]} degenerative ripple(s) outlined in dashed red. "
            + $"As of {map.AsOf.ToString("u", CultureInfo.InvariantCulture)}.";
    }

    private static void DrawRings(StringBuilder svg, IReadOnlyList<RippleLayout.Ring> rings)
    {
        foreach (var ring in rings)
        {
            var middle = ring.Radius + (RippleLayout.Lanes - 1) * RippleLayout.LaneGap / 2;
            var name = ring.Order == int.MaxValue ? "not linked to the focus" : $"order {ring.Order}";
            svg.Append($"<circle cx=\"0\" cy=\"0\" r=\"{N(middle)}\" fill=\"none\" stroke=\"#e3e3e3\" stroke-width=\"{N((RippleLayout.Lanes - 1) * RippleLayout.LaneGap + 2 * NodeRadius + 8)}\" stroke-opacity=\"0.35\" stroke-dasharray=\"{(ring.Order == int.MaxValue ? "2 6" : "none")}\"><title>{name}</title></circle>\n");
            svg.Append($"<text x=\"0\" y=\"{N(-ring.Radius - 22)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f5f5f\">{name}</text>\n");
        }
    }

    private static void DrawLink(StringBuilder svg, LinkView link, IReadOnlyDictionary<Guid, (double X, double Y)> position, bool changed)
    {
        if (!position.TryGetValue(link.From, out var a) || !position.TryGetValue(link.To, out var b)) return;
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1);
        var (ux, uy) = (dx / length, dy / length);
        var colour = changed ? "#e65100" : link.Relation == LinkRelation.Hindered ? "#c62828" : "#555";
        var dash = link.Status == LinkStatus.Disputed ? " stroke-dasharray=\"6 4\"" : "";
        svg.Append($"<line id=\"l-{link.Id}\" class=\"link{(changed ? " changed" : "")}\" x1=\"{N(a.X + ux * NodeRadius)}\" y1=\"{N(a.Y + uy * NodeRadius)}\" x2=\"{N(b.X - ux * NodeRadius)}\" y2=\"{N(b.Y - uy * NodeRadius)}\" stroke=\"{colour}\" stroke-width=\"{(changed ? "3" : "1.2")}\"{dash} marker-end=\"url(#arrow)\" opacity=\"0.7\">");
        svg.Append($"<title>{Vocabulary.Spell(link.Relation)} ({Vocabulary.Spell(link.Status)})</title></line>\n");
    }

    private static void DrawFocus(StringBuilder svg, RippleMapView map)
    {
        svg.Append($"<g><title>Focus: {X(map.Focus)}</title><circle cx=\"0\" cy=\"0\" r=\"{N(NodeRadius * 2)}\" fill=\"#263238\"/>");
        svg.Append(Label(0, NodeRadius * 2 + 14, map.Focus, FocusLineLength, "font-size=\"13\" font-weight=\"bold\"")).Append("</g>\n");
    }

    private static void DrawNode(StringBuilder svg, NodeView node, (double X, double Y) at, bool changed)
    {
        var capitals = string.Join(", ", node.Capitals.Select(Vocabulary.Spell));
        var words = string.Join(" ", node.Capitals.Select(Vocabulary.Spell));
        svg.Append($"<g id=\"r-{node.Id}\" class=\"ripple{(changed ? " changed" : "")}\" data-capitals=\"{words}\" data-x=\"{N(at.X)}\" data-y=\"{N(at.Y)}\"><title>{X(node.Label)} — {(capitals.Length > 0 ? capitals : "not coded")}; {Vocabulary.Spell(node.Valence)}");
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
        svg.Append(Label(at.X, at.Y + NodeRadius + 13, node.Label, LabelLength, "font-size=\"12\"")).Append("</g>\n");
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
        svg.Append($"<g id=\"legend\" font-size=\"12\"><title>Legend</title><text x=\"{N(x)}\" y=\"{N(y + 12)}\" font-weight=\"bold\">Capitals</text>");
        var row = 1;
        foreach (var (capital, colour) in Colours)
        {
            var cy = y + 12 + row++ * 18;
            svg.Append($"<circle cx=\"{N(x + 7)}\" cy=\"{N(cy - 4)}\" r=\"6\" fill=\"{colour}\"/><text x=\"{N(x + 18)}\" y=\"{N(cy)}\">{Vocabulary.Spell(capital)}</text>");
        }
        var dy = y + 12 + row * 18;
        svg.Append($"<circle cx=\"{N(x + 7)}\" cy=\"{N(dy - 4)}\" r=\"6\" fill=\"none\" stroke=\"#b71c1c\" stroke-width=\"3\" stroke-dasharray=\"4 2\"/><text x=\"{N(x + 18)}\" y=\"{N(dy)}\">degenerative</text>");
        svg.Append($"<line x1=\"{N(x)}\" y1=\"{N(dy + 14)}\" x2=\"{N(x + 14)}\" y2=\"{N(dy + 14)}\" stroke=\"#555\" stroke-dasharray=\"6 4\"/><text x=\"{N(x + 18)}\" y=\"{N(dy + 18)}\">disputed link</text>");
        svg.Append($"<line x1=\"{N(x)}\" y1=\"{N(dy + 32)}\" x2=\"{N(x + 14)}\" y2=\"{N(dy + 32)}\" stroke=\"#c62828\"/><text x=\"{N(x + 18)}\" y=\"{N(dy + 36)}\">hindered</text></g>\n");
    }

    /// <summary>A centred label of at most two lines, wrapped at spaces and cut with an ellipsis; the full text is in the title.</summary>
    private static string Label(double x, double y, string text, int lineLength, string style)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var current = "";
        var used = 0;
        foreach (var word in words)
        {
            var joined = current.Length == 0 ? word : current + " " + word;
            if (joined.Length <= lineLength || current.Length == 0) { current = joined; used++; }
            else if (lines.Count == 0) { lines.Add(current); current = word; used++; }
            else break;
            if (current.Length > lineLength) break;
        }
        lines.Add(current);
        if (used < words.Length || lines[^1].Length > lineLength)
            lines[^1] = (lines[^1].Length < lineLength ? lines[^1] : lines[^1][..(lineLength - 1)].TrimEnd()) + "…";

        // A white halo keeps the words legible where links pass behind them.
        var label = new StringBuilder($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" {style}>");
        for (var i = 0; i < lines.Count; i++)
            label.Append($"<tspan x=\"{N(x)}\" dy=\"{(i == 0 ? "0" : "1.15em")}\">{X(lines[i])}</tspan>");
        return label.Append("</text>").ToString();
    }

    private static string X(string text) => SecurityElement.Escape(XmlText.Clean(text)) ?? "";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
