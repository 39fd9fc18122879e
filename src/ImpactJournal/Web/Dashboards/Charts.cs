using System.Globalization;
using System.Net;
using System.Text;
using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using Microsoft.AspNetCore.Html;

namespace ImpactJournal.Web;

/// <summary>
/// Small SVG pictures drawn on the server, so print and screen readers get them without script. Every
/// picture has a title and a description, every bar its own title; text is encoded. Counts that are
/// suppressed for commissioners are drawn as an outline reading "fewer than 5" (or "withheld"), never as a number.
/// </summary>
public static class Charts
{
    public static string Shown(object count) => count switch
    {
        SmallNumbers.Suppressed => "fewer than 5",
        SmallNumbers.Withheld => "withheld",
        _ => Convert.ToString(count, CultureInfo.InvariantCulture) ?? ""
    };

    /// <summary>
    /// Vertical bars, one a label, scaled to the largest shown value, with a value axis (0 and that largest value) named
    /// by <paramref name="unit"/>; hidden counts as short dashed outlines.
    /// </summary>
    public static IHtmlContent Bars(string title, string description, string unit, IReadOnlyList<(string Label, object Value)> bars, int height = 140)
    {
        const int barWidth = 18, gap = 6, axis = 24, left = 30, top = 18;
        // A few bars (a short period) still leave room for the first and last labels side by side.
        var width = Math.Max(left + bars.Count * (barWidth + gap) + gap, left + 120);
        var shown = bars.Select(b => b.Value is int n ? n : 0).DefaultIfEmpty(0).Max();
        var max = Math.Max(1, shown);
        var bottom = top + height;
        var svg = Open(title, description, width, bottom + axis);
        svg.Append(Fmt($"<text x=\"0\" y=\"11\" font-size=\"11\" fill=\"#1b1b1b\">{E(unit)}</text>"));
        ValueTick(svg, left, width, bottom, "0");
        if (shown > 0) ValueTick(svg, left, width, top, shown.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var x = left + gap + i * (barWidth + gap);
            var tip = $"{label}: {Shown(value)}";
            if (value is int n)
            {
                var h = n == 0 ? 1 : Math.Max(2, (int)Math.Round((double)n / max * height));
                svg.Append(Fmt($"<rect class=\"bar\" x=\"{x}\" y=\"{bottom - h}\" width=\"{barWidth}\" height=\"{h}\" fill=\"#1d4f91\"><title>{E(tip)}</title></rect>"));
            }
            else
            {
                svg.Append(Fmt($"<rect class=\"hidden-count\" x=\"{x + 1}\" y=\"{bottom - 16}\" width=\"{barWidth - 2}\" height=\"15\" fill=\"none\" stroke=\"#505a5f\" stroke-dasharray=\"3 2\"><title>{E(tip)}</title></rect>"));
            }
        }
        svg.Append(Fmt($"<line x1=\"{left + 0.5}\" y1=\"{top}\" x2=\"{left + 0.5}\" y2=\"{bottom}\" stroke=\"#1b1b1b\"/>"));
        svg.Append(Fmt($"<line x1=\"{left}\" y1=\"{bottom + 0.5}\" x2=\"{width}\" y2=\"{bottom + 0.5}\" stroke=\"#1b1b1b\"/>"));
        var first = bars.FirstOrDefault().Label;
        var last = bars.LastOrDefault().Label;
        svg.Append(Fmt($"<text x=\"{left}\" y=\"{bottom + 16}\" font-size=\"11\" fill=\"#1b1b1b\">{E(first ?? "")}</text>"));
        svg.Append(Fmt($"<text x=\"{width}\" y=\"{bottom + 16}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1b1b\">{E(last ?? "")}</text>"));
        return Close(svg);
    }

    /// <summary>A value on the left-hand axis: its label and a faint rule across the picture.</summary>
    private static void ValueTick(StringBuilder svg, int left, int width, double y, string label)
    {
        svg.Append(Fmt($"<line x1=\"{left}\" y1=\"{y + 0.5:0.#}\" x2=\"{width}\" y2=\"{y + 0.5:0.#}\" stroke=\"#d8dadc\"/>"));
        svg.Append(Fmt($"<text x=\"{left - 5}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1b1b\">{E(label)}</text>"));
    }

    /// <summary>Horizontal bars with their labels and counts written beside them (a distribution of answers).</summary>
    public static IHtmlContent Distribution(string title, string description, IReadOnlyList<(string Label, int Count)> rows, int width = 320)
    {
        const int rowHeight = 24, labelWidth = 96, countWidth = 32;
        var barRoom = width - labelWidth - countWidth;
        var max = Math.Max(1, rows.Select(r => r.Count).DefaultIfEmpty(0).Max());
        var svg = Open(title, description, width, rows.Count * rowHeight);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, count) = rows[i];
            var y = i * rowHeight;
            var length = count == 0 ? 1 : Math.Max(3, (int)Math.Round((double)count / max * barRoom));
            svg.Append(Fmt($"<text x=\"0\" y=\"{y + 16}\" font-size=\"13\" fill=\"#1b1b1b\">{E(label)}</text>"));
            svg.Append(Fmt($"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{length}\" height=\"16\" fill=\"#1d4f91\"/>"));
            svg.Append(Fmt($"<text x=\"{labelWidth + length + 6}\" y=\"{y + 16}\" font-size=\"13\" fill=\"#1b1b1b\">{count}</text>"));
        }
        return Close(svg);
    }

    /// <summary>A rising line of running totals (ripple-map growth), with the last total written at its end.</summary>
    public static IHtmlContent Growth(string title, string description, string unit, IReadOnlyList<(string Label, int Total)> points, int height = 120)
    {
        const int step = 24, margin = 30, top = 18;
        var width = Math.Max(2, points.Count) * step + margin * 2;
        var max = Math.Max(1, points.Select(p => p.Total).DefaultIfEmpty(0).Max());
        var svg = Open(title, description, width, height + 24);
        svg.Append(Fmt($"<text x=\"0\" y=\"11\" font-size=\"11\" fill=\"#1b1b1b\">{E(unit)}</text>"));
        ValueTick(svg, margin - 8, width, height, "0");
        ValueTick(svg, margin - 8, width, top, max.ToString(CultureInfo.InvariantCulture));
        var coordinates = points.Select((p, i) => (X: margin + i * step, Y: height - (int)Math.Round((double)p.Total / max * (height - top)))).ToList();
        if (coordinates.Count > 0)
        {
            svg.Append("<polyline fill=\"none\" stroke=\"#00703c\" stroke-width=\"3\" points=\"")
                .AppendJoin(' ', coordinates.Select(c => $"{c.X},{c.Y}")).Append("\"/>");
            for (var i = 0; i < points.Count; i++)
                svg.Append(Fmt($"<circle cx=\"{coordinates[i].X}\" cy=\"{coordinates[i].Y}\" r=\"4\" fill=\"#00703c\"><title>{E($"{points[i].Label}: {points[i].Total} ripples")}</title></circle>"));
            svg.Append(Fmt($"<text x=\"{margin}\" y=\"{height + 18}\" font-size=\"11\" fill=\"#1b1b1b\">{E(points[0].Label)}</text>"));
            if (points.Count > 1)
                svg.Append(Fmt($"<text x=\"{coordinates[^1].X}\" y=\"{height + 18}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1b1b\">{E(points[^1].Label)}</text>"));
        }
        return Close(svg);
    }

    /// <summary>A month the API writes "2026-12" as people read it: "December 2026" (or "Dec 2026" when <paramref name="brief"/>).</summary>
    public static string Month(string yearMonth, bool brief = false) =>
        DateOnly.TryParseExact(yearMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString(brief ? "MMM yyyy" : "MMMM yyyy", CultureInfo.InvariantCulture) : yearMonth;

    /// <summary>
    /// An indicator's readings over time: one line per definition version (the line breaks where the definition
    /// changed, marked by a dashed rule and the new version's number), on a value axis labelled in the reading's
    /// unit and a time axis of its first and last days (one day, once, when every reading is from that day).
    /// Small pictures leave out labels and dots.
    /// </summary>
    public static IHtmlContent Trend(string title, string description, IReadOnlyList<(DateOnly On, double Value, int Version)> points,
        IndicatorUnit unit, bool small)
    {
        var (width, height, left, top, bottom) = small ? (180, 48, 4, 6, 6) : (640, 240, 72, 24, 28);
        var svg = Open(title, description, width, height);
        if (points.Count == 0) return Close(svg);
        var (firstDay, lastDay) = (points.Min(p => p.On.DayNumber), points.Max(p => p.On.DayNumber));
        var (low, high) = (points.Min(p => p.Value), points.Max(p => p.Value));
        var oneValue = high - low < 1e-9;
        if (oneValue) (low, high) = (low - 1, high + 1);
        double X(DateOnly on) => left + (lastDay == firstDay ? 0.5 : (double)(on.DayNumber - firstDay) / (lastDay - firstDay)) * (width - left - 8);
        double Y(double value) => top + (1 - (value - low) / (high - low)) * (height - top - bottom);

        if (!small)
        {
            if (AxisName(unit) is { } name) svg.Append(Fmt($"<text x=\"0\" y=\"12\" font-size=\"11\" fill=\"#1b1b1b\">{E(name)}</text>"));
            double[] ticks = oneValue ? [(low + high) / 2] : [low, (low + high) / 2, high];
            foreach (var tick in ticks) ValueTick(svg, left, width, Y(tick), TrendSentence.Value(Math.Round(tick, 2), unit));
            svg.Append(Fmt($"<line x1=\"{left + 0.5}\" y1=\"{top}\" x2=\"{left + 0.5}\" y2=\"{height - bottom}\" stroke=\"#1b1b1b\"/>"));
            svg.Append(Fmt($"<line x1=\"{left}\" y1=\"{height - bottom + 0.5}\" x2=\"{width}\" y2=\"{height - bottom + 0.5}\" stroke=\"#1b1b1b\"/>"));
            var (start, end) = (DateOnly.FromDayNumber(firstDay), DateOnly.FromDayNumber(lastDay));
            if (firstDay == lastDay)
                svg.Append(Fmt($"<text x=\"{X(start):0.#}\" y=\"{height - 8}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1b1b\">{E(Day(start))}</text>"));
            else
            {
                svg.Append(Fmt($"<text x=\"{left}\" y=\"{height - 8}\" font-size=\"11\" fill=\"#1b1b1b\">{E(Day(start))}</text>"));
                svg.Append(Fmt($"<text x=\"{width - 8}\" y=\"{height - 8}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1b1b\">{E(Day(end))}</text>"));
            }
        }
        var versions = points.GroupBy(p => p.Version).OrderBy(g => g.Key).ToList();
        foreach (var version in versions)
        {
            var line = version.OrderBy(p => p.On).ToList();
            if (version.Key != versions[0].Key)
            {
                var at = X(line[0].On) - 2;
                var tip = $"Definition version {version.Key} from {Day(line[0].On)}";
                svg.Append(Fmt($"<line class=\"version-break\" x1=\"{at:0.#}\" y1=\"{top - 4}\" x2=\"{at:0.#}\" y2=\"{height - bottom}\" stroke=\"#505a5f\" stroke-dasharray=\"4 3\"><title>{E(tip)}</title></line>"));
                if (!small) svg.Append(Fmt($"<text x=\"{at + 3:0.#}\" y=\"{top + 8}\" font-size=\"11\" fill=\"#505a5f\">v{version.Key}</text>"));
            }
            svg.Append("<polyline fill=\"none\" stroke=\"#1d4f91\" stroke-width=\"").Append(small ? "2" : "2.5").Append("\" points=\"")
                .AppendJoin(' ', line.Select(p => Fmt($"{X(p.On):0.#},{Y(p.Value):0.#}"))).Append("\"/>");
            if (!small && points.Count <= 100)
                foreach (var p in line)
                {
                    var tip = $"{Day(p.On)}: {TrendSentence.Value(p.Value, unit)} (version {p.Version})";
                    svg.Append(Fmt($"<circle cx=\"{X(p.On):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"3\" fill=\"#1d4f91\"><title>{E(tip)}</title></circle>"));
                }
        }
        var last = points.MaxBy(p => p.On);
        if (small) svg.Append(Fmt($"<circle cx=\"{X(last.On):0.#}\" cy=\"{Y(last.Value):0.#}\" r=\"3\" fill=\"#1d4f91\"/>"));
        return Close(svg);
    }

    /// <summary>What the value axis counts, where its labels do not say it themselves.</summary>
    private static string? AxisName(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Count => "how many",
        IndicatorUnit.Scale => "points on the scale",
        IndicatorUnit.Ratio => "ratio",
        _ => null
    };

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string title, string description, int width, int height)
    {
        var id = "c" + Guid.NewGuid().ToString("N")[..8];
        return new StringBuilder(Fmt($"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">"))
            .Append(Fmt($"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(description)}</desc>"));
    }

    private static IHtmlContent Close(StringBuilder svg) => new HtmlString(svg.Append("</svg>").ToString());

    private static string Fmt(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
