using System.Text;
using System.Text.Encodings.Web;
using ImpactJournal.RippleMaps;
using Microsoft.AspNetCore.Html;

namespace ImpactJournal.Web;

/// <summary>
/// The picture's text alternative: the same ripples as ordered lists, ring by ring. Written here so the patch an
/// open board receives when the picture's rings changed can carry it whole.
/// </summary>
public static class RingList
{
    public static IHtmlContent Of(RippleMapView map)
    {
        var rings = map.Nodes.GroupBy(n => n.Order).OrderBy(g => g.Key ?? int.MaxValue).ToList();
        var html = new StringBuilder("<section aria-labelledby=\"rings-title\" class=\"rings\">\n    <h2 id=\"rings-title\">The ripples, ring by ring</h2>\n");
        if (rings.Count == 0) html.Append($"    <p>No ripples yet. Add the first: what happened because of “{HtmlEncoder.Default.Encode(map.Focus)}”?</p>\n");
        foreach (var ring in rings)
        {
            html.Append($"    <h3>{(ring.Key is { } o ? $"Order {o}" : "Not yet linked to the focus")}</h3>\n    <ol data-order=\"{ring.Key ?? -1}\">\n");
            foreach (var ripple in ring.OrderBy(r => r.AddedAt).ThenBy(r => r.Id)) html.Append("        ").Append(RingItem.Of(ripple)).Append('\n');
            html.Append("    </ol>\n");
        }
        return new HtmlString(html.Append("</section>\n").ToString());
    }
}
