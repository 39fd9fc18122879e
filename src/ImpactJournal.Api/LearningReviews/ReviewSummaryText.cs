using System.Globalization;
using System.Net;
using System.Text;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.LearningReviews;

/// <summary>The review summary as Markdown (for wikis and emails) and as a printable HTML page (for board papers).</summary>
public static class ReviewSummaryText
{
    public static string Markdown(ReviewSummary s)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Line(s.Title)).Append("\n\n");
        md.Append($"Period {s.PeriodStart:yyyy-MM-dd} to {s.PeriodEnd:yyyy-MM-dd} · review {s.Status}\n\n");
        foreach (var section in Sections(s))
        {
            md.Append("## ").Append(section.Title).Append("\n\n");
            if (section.Rows.Count == 0) md.Append("_None._\n\n");
            foreach (var row in section.Rows) md.Append("- ").Append(Line(row)).Append('\n');
            if (section.Rows.Count > 0) md.Append('\n');
        }
        return md.ToString();
    }

    public static string Html(ReviewSummary s)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(E(s.Title)).Append("</title>\n");
        html.Append("<style>body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;line-height:1.45;color:#111}")
            .Append("h1{font-size:1.6rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.6rem}")
            .Append("@media print{body{margin:0;max-width:none}h2{break-after:avoid}li{break-inside:avoid}}</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(s.Title)).Append("</h1>\n");
        html.Append($"<p>Period {s.PeriodStart:yyyy-MM-dd} to {s.PeriodEnd:yyyy-MM-dd} · review {E(s.Status)}</p>\n");
        foreach (var section in Sections(s))
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

    public sealed record Section(string Title, List<string> Rows);

    /// <summary>
    /// The summary's sections as lines of text; <paramref name="count"/> writes a count (a number, or a suppressed
    /// one) and <paramref name="direction"/> an indicator's direction, each in the reader's words.
    /// </summary>
    public static IEnumerable<Section> Sections(ReviewSummary s, Func<object, string>? count = null,
        Func<Indicators.TrendDirection, string>? direction = null)
    {
        count ??= c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "";
        direction ??= d => Vocabulary.Spell(d);
        yield return new("Guiding questions", [.. s.Questions]);
        yield return new("Activity", [
            $"Observations: {count(s.Activity.Observations)}",
            .. s.Activity.ByPartner.Select(p => $"{p.Name}: {count(p.Count)}"),
            .. s.Activity.ByTheme.Select(t => $"Theme “{t.Theme}”: {count(t.Count)}")]);
        yield return new("Ripples", [
            $"Added: {s.Ripples.Added}; re-coded: {s.Ripples.Recoded}",
            $"By order: {Pairs(s.Ripples.ByOrder)}",
            $"By capital: {Pairs(s.Ripples.ByCapital.Where(c => c.Value > 0))}"]);
        yield return new("Surprises (unintended ripples)", [.. s.Ripples.Unintended.Select(u => u.Label + (u.Order is { } o ? $" (order {o})" : ""))]);
        yield return new("Indicator movements", [.. s.Indicators.Select(i =>
            $"{i.Name}: {Point(i.First)} → {Point(i.Last)}, {direction(i.Direction)} (definition v{i.DefinitionVersion})")]);
        yield return new("Stories selected as significant", [.. s.Stories.Select(st =>
            (st.Restricted ? "A story shared with the alliance only" : st.Title ?? "") + " — selected by " + string.Join(", ", st.Selections.Select(x => x.Panel)))]);
        yield return new("Reflections", [.. s.Reflections.Select(r => $"{Vocabulary.Spell(r.Kind)}: {r.Text}")]);
        yield return new("Adaptations", [.. s.Adaptations.Select(a =>
            a.Text + (a.Owner is null ? "" : $" (owner: {a.Owner})") + (a.LatestProgress is { } p ? $" — {Vocabulary.Spell(p.Status)}" : ""))]);
        yield return new("Follow-through on the previous review", [.. s.FollowThrough.Select(f =>
            $"{f.Text}: {(f.Status is { } status ? Vocabulary.Spell(status) : "no progress recorded")}{(f.Note is null ? "" : $" — {f.Note}")}")]);
        if (s.Summary is not null) yield return new("Summary", [s.Summary]);
    }

    private static string Pairs<T>(IEnumerable<KeyValuePair<string, T>> pairs) =>
        string.Join(", ", pairs.Select(p => $"{p.Key}: {p.Value}")) is { Length: > 0 } text ? text : "none";

    private static string Point(Indicators.ReadingPoint? point) =>
        point is null ? "no reading" : $"{point.Value.ToString("0.###", CultureInfo.InvariantCulture)} ({point.ObservedOn:yyyy-MM-dd})";

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
