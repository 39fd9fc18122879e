using System.Text;
using System.Text.Encodings.Web;
using ImpactJournal.RippleMaps;
using Microsoft.AspNetCore.Html;

namespace ImpactJournal.Web;

/// <summary>
/// The picture's text alternative as the board lists it, ring by ring. Each ripple carries the ripples it came from,
/// so board.js can fold a branch away; it is marked when it was added in the session still open, and when it has the
/// words looked for. Written here rather than as a partial view because a board lists every ripple of the map, and a
/// partial per ripple costs more than the rest of the page; and because the live patch every open board receives
/// when the picture's rings changed carries the whole list, made once outside any one board's request.
/// </summary>
public sealed class RingList(RippleMapView map, Guid? openSession = null, string? find = null)
{
    private readonly Lazy<ILookup<Guid, Guid>> _causes = new(() =>
        map.Links.Where(l => l.Status != LinkStatus.Withdrawn).ToLookup(l => l.To, l => l.From));

    public RippleMapView Map => map;
    public string? Find => string.IsNullOrWhiteSpace(find) ? null : find.Trim();

    public bool Found(NodeView ripple) => Find is { } words && ripple.Label.Contains(words, StringComparison.OrdinalIgnoreCase);

    /// <summary>How many ripples have the words looked for, as a sentence (board.js says the same as words are typed).</summary>
    public string? FoundWords => Find is not { } words ? null : map.Nodes.Count(Found) switch
    {
        0 => $"No ripple has the words “{words}”.",
        1 => $"1 ripple has the words “{words}”: it is marked.",
        var found => $"{found} ripples have the words “{words}”: they are marked."
    };

    public IHtmlContent Item(NodeView ripple)
    {
        var html = HtmlEncoder.Default;
        var capitals = ripple.Capitals.Count == 0 ? "not coded"
            : string.Join(", ", ripple.Capitals.Select(c => Words.Capitals.First(x => x.Capital == c).Name));
        var causes = string.Join(' ', _causes.Value[ripple.Id]);
        var found = Found(ripple) ? " class=\"found\"" : "";
        var marker = openSession is { } session && ripple.SessionId == session ? " <span class=\"new-here\">new in this session</span>" : "";
        return new HtmlString($"<li data-ripple=\"{ripple.Id}\" data-order=\"{ripple.Order ?? -1}\" data-causes=\"{causes}\"{found}>"
            + $"{html.Encode(ripple.Label)} <span class=\"hint\">— {html.Encode(capitals)}</span>{marker}</li>");
    }

    /// <summary>The whole list: a heading and an ordered list per ring, the focus's question when there are no ripples yet.</summary>
    public IHtmlContent Section()
    {
        var rings = map.Nodes.GroupBy(n => n.Order).OrderBy(g => g.Key ?? int.MaxValue).ToList();
        var html = new StringBuilder("<section aria-labelledby=\"rings-title\" class=\"rings\">\n    <h2 id=\"rings-title\">The ripples, ring by ring</h2>\n");
        if (rings.Count == 0) html.Append($"    <p>No ripples yet. Add the first: what happened because of “{HtmlEncoder.Default.Encode(map.Focus)}”?</p>\n");
        foreach (var ring in rings)
        {
            html.Append($"    <h3>{(ring.Key is { } o ? $"Order {o}" : "Not yet linked to the focus")}</h3>\n    <ol data-order=\"{ring.Key ?? -1}\">\n");
            foreach (var ripple in ring.OrderBy(r => r.AddedAt).ThenBy(r => r.Id)) html.Append("        ").Append(Item(ripple)).Append('\n');
            html.Append("    </ol>\n");
        }
        return new HtmlString(html.Append("</section>\n").ToString());
    }
}
