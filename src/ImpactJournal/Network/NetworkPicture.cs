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
    private const double LabelRoom = 170;
    public const double WithheldWidth = 1.5;

    public static byte[] Draw(NetworkView network) => Encoding.UTF8.GetBytes(Svg(network));

    public static string Svg(NetworkView network)
    {
        var nodes = network.Nodes.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.PartnerId).ToList();
        var radius = Math.Max(220, nodes.Count * 16);
        var extent = radius + LabelRoom;
        var at = nodes.Select((n, i) => (n.PartnerId, Angle: 2 * Math.PI * i / Math.Max(1, nodes.Count) - Math.PI / 2))
            .ToDictionary(p => p.PartnerId, p => (X: radius * Math.Cos(p.Angle), Y: radius * Math.Sin(p.Angle), p.Angle));

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{N(-extent)} {N(-extent)} {N(2 * extent)} {N(2 * extent)}\" role=\"img\" aria-labelledby=\"network-title network-desc\" font-family=\"sans-serif\">\n");
        svg.Append($"<title id=\"network-title\">Collaboration network as of {network.AsOf:d MMMM yyyy}</title>\n");
        svg.Append($"<desc id=\"network-desc\">{X(Describe(network))}</desc>\n");
        svg.Append($"<rect x=\"{N(-extent)}\" y=\"{N(-extent)}\" width=\"{N(2 * extent)}\" height=\"{N(2 * extent)}\" fill=\"#ffffff\"/>\n<g id=\"ties\">\n");
        foreach (var edge in network.Edges)
        {
            var (from, to) = (at[edge.From], at[edge.To]);
            var width = edge.Weight is int weight ? 1 + Math.Log2(weight) : WithheldWidth;
            var style = edge.Quiet ? "stroke=\"#9e9e9e\" stroke-dasharray=\"6 4\"" : "stroke=\"#1e88e5\" stroke-opacity=\"0.7\"";
            svg.Append($"<line x1=\"{N(from.X)}\" y1=\"{N(from.Y)}\" x2=\"{N(to.X)}\" y2=\"{N(to.Y)}\" {style} stroke-width=\"{N(width)}\">")
                .Append($"<title>{X(Name(network, edge.From))} – {X(Name(network, edge.To))}: {X(Activity(edge))}</title></line>\n");
        }
        svg.Append("</g>\n<g id=\"partners\">\n");
        foreach (var node in nodes)
        {
            var (x, y, angle) = at[node.PartnerId];
            var size = 7 + 20 * node.Betweenness;
            var fill = node.Degree == 0 ? "fill=\"#ffffff\" stroke=\"#757575\" stroke-width=\"2\"" : "fill=\"#0d47a1\"";
            svg.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(size)}\" {fill}><title>{X(node.Name)}: {node.Degree} ties, betweenness {node.Betweenness:0.00}</title></circle>\n");
            var (lx, ly) = ((radius + size + 8) * Math.Cos(angle), (radius + size + 8) * Math.Sin(angle));
            var anchor = Math.Cos(angle) < -0.2 ? "end" : Math.Cos(angle) > 0.2 ? "start" : "middle";
            svg.Append($"<text x=\"{N(lx)}\" y=\"{N(ly + 5)}\" text-anchor=\"{anchor}\" font-size=\"16\" fill=\"#212121\">{X(Short(node.Name))}</text>\n");
        }
        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
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

    private static string Short(string name) => name.Length <= 24 ? name : name[..23] + "…";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string X(string text) => SecurityElement.Escape(XmlText.Clean(text));
}
