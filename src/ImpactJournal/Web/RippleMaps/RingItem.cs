using System.Text.Encodings.Web;
using ImpactJournal.RippleMaps;
using Microsoft.AspNetCore.Html;

namespace ImpactJournal.Web;

/// <summary>
/// One ripple in the picture's text alternative. Written here rather than as a partial view because a
/// board lists every ripple of the map, and a partial per ripple costs more than the rest of the page.
/// </summary>
public static class RingItem
{
    public static IHtmlContent Of(NodeView ripple)
    {
        var html = HtmlEncoder.Default;
        var capitals = ripple.Capitals.Count == 0 ? "not coded"
            : string.Join(", ", ripple.Capitals.Select(c => Words.Capitals.First(x => x.Capital == c).Name));
        return new HtmlString($"<li data-ripple=\"{ripple.Id}\" data-order=\"{ripple.Order ?? -1}\">{html.Encode(ripple.Label)} <span class=\"hint\">— {html.Encode(capitals)}</span></li>");
    }
}
