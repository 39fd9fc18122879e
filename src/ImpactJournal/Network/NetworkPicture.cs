using System.Globalization;
using System.Security;
using System.Text;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Network;

/// <summary>
/// The network as SVG: partners round a circle in name order (so a partner keeps its place from one quarter to
/// the next), each sized by its betweenness (the bridging partners stand out) and labelled outside the circle;
/// ties drawn thicker the more joint activity they hold, quiet ties dashed grey, partners with no ties hollow. A tie
/// whose weight is withheld from the reader is drawn at one width whatever it holds, so the picture gives back no
/// more than the JSON.
/// </summary>
public static class NetworkPicture
{
    public const double WithheldWidth = 1.5;
    public const double NameFont = 24;
    private const double Margin = 20;
    private const double LabelGap = 8;

    public static byte[] Draw(NetworkView network) => Encoding.UTF8.GetBytes(Svg(network));

    /// <summary>A partner's dot and its name, whole and wrapped, outside the circle: beside the dot on the left and right, above or below it at the top and bottom.</summary>
    private sealed record Placed(double X, double Y, double Size, RippleLabel Label, double LabelX, double Baseline, string Anchor, RippleLayout.Box Box);

    public static string Svg(NetworkView network)
    {
        var nodes = network.Nodes.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.PartnerId).ToList();
        var labels = nodes.ToDictionary(n => n.PartnerId, n => RippleLabel.Of(n.Name, NameFont));
        // The smallest circle (from a comfortable start) on which no name overlaps another name or dot.
        var radius = Math.Max(220.0, nodes.Count * 16);
        Dictionary<Guid, Placed> at;
        while (true)
        {
            at = nodes.Select((n, i) => (n, Angle: 2 * Math.PI * i / Math.Max(1, nodes.Count) - Math.PI / 2))
                .ToDictionary(p => p.n.PartnerId, p => Place(radius, p.Angle, 7 + 20 * p.n.Betweenness, labels[p.n.PartnerId]));
            var boxes = at.Values.Select(p => p.Box).ToList();
            if (!boxes.Where((b, i) => boxes.Skip(i + 1).Any(o => o.Overlaps(b, 4))).Any() || radius > 20_000) break;
            radius *= 1.1;
        }
        var bounds = at.Values.Select(p => p.Box).DefaultIfEmpty(new RippleLayout.Box(-radius, -radius, radius, radius))
            .Aggregate((a, b) => a.Union(b)).Union(new RippleLayout.Box(-radius, -radius, radius, radius));
        var (left, top, width, height) = (bounds.Left - Margin, bounds.Top - Margin, bounds.Right - bounds.Left + 2 * Margin, bounds.Bottom - bounds.Top + 2 * Margin);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{N(left)} {N(top)} {N(width)} {N(height)}\" role=\"img\" aria-labelledby=\"network-title network-desc\" font-family=\"{RippleLabel.FontFamily}\">\n");
        svg.Append($"<title id=\"network-title\">Collaboration network as of {network.AsOf:d MMMM yyyy}</title>\n");
        svg.Append($"<desc id=\"network-desc\">{X(Describe(network))}</desc>\n");
        svg.Append($"<rect x=\"{N(left)}\" y=\"{N(top)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n<g id=\"ties\">\n");
        foreach (var edge in network.Edges)
        {
            var (from, to) = (at[edge.From], at[edge.To]);
            var stroke = edge.Weight is int weight ? 1 + Math.Log2(weight) : WithheldWidth;
            var style = edge.Quiet ? "stroke=\"#9e9e9e\" stroke-dasharray=\"6 4\"" : "stroke=\"#1e88e5\" stroke-opacity=\"0.7\"";
            svg.Append($"<line x1=\"{N(from.X)}\" y1=\"{N(from.Y)}\" x2=\"{N(to.X)}\" y2=\"{N(to.Y)}\" {style} stroke-width=\"{N(stroke)}\">")
                .Append($"<title>{X(Name(network, edge.From))} – {X(Name(network, edge.To))}: {X(Activity(edge))}</title></line>\n");
        }
        svg.Append("</g>\n<g id=\"partners\">\n");
        foreach (var node in nodes)
        {
            var placed = at[node.PartnerId];
            var fill = node.Degree == 0 ? "fill=\"#ffffff\" stroke=\"#757575\" stroke-width=\"2\"" : "fill=\"#0d47a1\"";
            svg.Append($"<circle cx=\"{N(placed.X)}\" cy=\"{N(placed.Y)}\" r=\"{N(placed.Size)}\" {fill}><title>{X(node.Name)}: {node.Degree} ties, betweenness {node.Betweenness:0.00}</title></circle>\n");
            svg.Append($"<text x=\"{N(placed.LabelX)}\" y=\"{N(placed.Baseline)}\" text-anchor=\"{placed.Anchor}\" font-size=\"{N(NameFont)}\" fill=\"#212121\">");
            for (var i = 0; i < placed.Label.Lines.Count; i++)
                svg.Append($"<tspan x=\"{N(placed.LabelX)}\" dy=\"{(i == 0 ? "0" : N(RippleLabel.LineHeight) + "em")}\">{X(placed.Label.Lines[i])}</tspan>");
            svg.Append("</text>\n");
        }
        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    private static Placed Place(double radius, double angle, double size, RippleLabel label)
    {
        var (x, y) = (radius * Math.Cos(angle), radius * Math.Sin(angle));
        var (w, h) = (label.Width, label.Height);
        var cos = Math.Cos(angle);
        var dot = new RippleLayout.Box(x - size, y - size, x + size, y + size);
        if (Math.Abs(cos) > 0.2)
        {
            var labelX = cos > 0 ? x + size + LabelGap : x - size - LabelGap;
            var box = new RippleLayout.Box(cos > 0 ? labelX : labelX - w, y - h / 2, cos > 0 ? labelX + w : labelX, y + h / 2);
            return new Placed(x, y, size, label, labelX, y - h / 2 + 0.95 * NameFont, cos > 0 ? "start" : "end", box.Union(dot));
        }
        var labelTop = Math.Sin(angle) < 0 ? y - size - LabelGap - h : y + size + LabelGap;
        return new Placed(x, y, size, label, x, labelTop + 0.95 * NameFont, "middle", new RippleLayout.Box(x - w / 2, labelTop, x + w / 2, labelTop + h).Union(dot));
    }

    private static string Describe(NetworkView network)
    {
        var ties = network.Edges.Count;
        var quiet = network.Edges.Count(e => e.Quiet);
        return $"{network.Nodes.Count} partners, {ties} ties ({quiet} quiet), density {network.Density:0.00}, "
               + $"{network.Components.Count} connected groups, {network.Unconnected.Count} partners with no ties.";
    }

    private static string Activity(NetworkEdge edge) =>
        $"{edge.JointObservations} joint observations, {edge.JointRipples} joint ripples, {edge.SharedSessions} shared sessions, "
        + $"{edge.First:d MMM yyyy} to {edge.Latest:d MMM yyyy}{(edge.Quiet ? " (quiet)" : "")}";

    private static string Name(NetworkView network, Guid partner) => network.Nodes.First(n => n.PartnerId == partner).Name;

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string X(string text) => SecurityElement.Escape(XmlText.Clean(text));
}
