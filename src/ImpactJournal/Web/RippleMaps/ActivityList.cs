using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ImpactJournal.Web;

/// <summary>
/// The board's activity list. Written here rather than only as a partial view because the live patch that
/// every open board receives is made once per map version, outside any one board's request.
/// </summary>
public static class ActivityList
{
    public static IHtmlContent Of(IReadOnlyList<BoardActivity> lines)
    {
        var html = HtmlEncoder.Default;
        var list = new StringBuilder("<ol reversed id=\"activity-list\">\n");
        foreach (var line in lines)
            list.Append($"    <li><span class=\"hint\">{html.Encode(Words.When(line.At))}</span> {html.Encode(line.Who)} {html.Encode(line.What)}</li>\n");
        return new HtmlString(list.Append("</ol>\n").ToString());
    }
}
