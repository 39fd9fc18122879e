using System.Net;
using System.Text;

namespace ImpactJournal.Infrastructure;

/// <summary>How a summary is asked for: JSON by default, Markdown or a printable HTML page.</summary>
public enum SummaryFormat
{
    Json,
    Markdown,
    Html
}

/// <summary>A titled list of lines: one part of a summary as text.</summary>
public sealed record Section(string Title, List<string> Rows);

/// <summary>
/// A summary made of sections of lines, as Markdown (for wikis and emails) and as a printable HTML page (for board
/// papers). Every line is text people typed or made from it, so each is escaped for the format it goes into.
/// </summary>
public static class SectionedText
{
    public static string Markdown(string title, string subtitle, IEnumerable<Section> sections)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Line(title)).Append("\n\n");
        md.Append(Line(subtitle)).Append("\n\n");
        foreach (var section in sections)
        {
            md.Append("## ").Append(Line(section.Title)).Append("\n\n");
            if (section.Rows.Count == 0) md.Append("_None._\n\n");
            foreach (var row in section.Rows) md.Append("- ").Append(Line(row)).Append('\n');
            if (section.Rows.Count > 0) md.Append('\n');
        }
        return md.ToString();
    }

    public static string Html(string title, string subtitle, IEnumerable<Section> sections)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(E(title)).Append("</title>\n");
        html.Append("<style>body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;line-height:1.45;color:#111}")
            .Append("h1{font-size:1.6rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.6rem}")
            .Append("@media print{body{margin:0;max-width:none}h2{break-after:avoid}li{break-inside:avoid}}</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p>").Append(E(subtitle)).Append("</p>\n");
        foreach (var section in sections)
        {
            html.Append("<section>\n<h2>").Append(E(section.Title)).Append("</h2>\n");
            if (section.Rows.Count == 0) html.Append("<p><em>None.</em></p>\n");
            else
            {
                html.Append("<ul>\n");
                foreach (var row in section.Rows) html.Append("<li>").Append(E(row)).Append("</li>\n");
                html.Append("</ul>\n");
            }
            html.Append("</section>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// One line of Markdown from any text: line breaks folded, so it cannot start new blocks; the marks
    /// that make links, images, emphasis, code and inline HTML backslash-escaped everywhere, and a
    /// leading list, heading or quote marker escaped too (CommonMark renders each escaped mark as itself).
    /// </summary>
    public static string Line(string text)
    {
        const string inline = "\\`*_[]<>()!|~&#";
        var folded = text.ReplaceLineEndings(" ");
        var line = new StringBuilder(folded.Length + 8);
        var leadingDigits = 0;
        while (leadingDigits < folded.Length && char.IsAsciiDigit(folded[leadingDigits])) leadingDigits++;
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            var opensBlock = (i == 0 && "+-=".Contains(c)) || (i == leadingDigits && i > 0 && c is '.' or ')');
            if (inline.Contains(c) || opensBlock) line.Append('\\');
            line.Append(c);
        }
        return line.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
