using System.Net;
using System.Text;
using ImpactJournal.Stories.Patterns;
using static ImpactJournal.Web.TriadPicture;

namespace ImpactJournal.Web;

/// <summary>
/// The pictures of a story pattern, drawn on the server as SVG: a triad's triangle with a dot per story (a link to it)
/// or, past <see cref="MostDots"/> stories, squares shaded by how many stories fall in each; a dyad's line with its
/// dots over a histogram. The dots are left out of the tab order and hidden from screen readers: the list beside each picture holds the same links, and the table the counts.
/// </summary>
public static class PatternPictures
{
    public const int MostDots = 200;
    private const double Cell = 14;

    public static string Triad(TriadPattern triad, string storyHref, string id)
    {
        var svg = new StringBuilder();
        svg.Append($"""<svg viewBox="0 -12 {Width} {Height + 24}" class="pattern-picture" role="group" aria-labelledby="{id}-title" data-triad="{E(triad.Key)}">""");
        svg.Append($"""<title id="{id}-title">{E(triad.Prompt)}: {Said(triad.Answered)} stories placed between {E(string.Join(", ", triad.Labels))}</title>""");
        svg.Append($"""<polygon points="{Points}" class="triangle"/>""");
        // Each corner's region: the points whose weight for it is at least 0.6, beyond the dashed line.
        for (var i = 0; i < 3; i++)
        {
            var (j, k) = ((i + 1) % 3, (i + 2) % 3);
            var p = Mix(i, j);
            var q = Mix(i, k);
            svg.Append($"""<line x1="{N(p.X)}" y1="{N(p.Y)}" x2="{N(q.X)}" y2="{N(q.Y)}" class="region-line"/>""");
        }
        string[] anchors = ["middle", "start", "end"];
        double[] dy = [-14, 22, 22];
        for (var i = 0; i < 3; i++)
            svg.Append($"""<text x="{N(Corners[i].X)}" y="{N(Corners[i].Y + dy[i])}" text-anchor="{anchors[i]}" class="corner-label">{E(triad.Labels[i])}</text>""");

        if (triad.Points is { } points)
        {
            if (points.Count > MostDots) Density(svg, points);
            else
                foreach (var point in points)
                {
                    var (x, y) = Place(point);
                    svg.Append($"""<a href="{storyHref}{point.StoryId}" tabindex="-1" aria-hidden="true" data-story="{point.StoryId}"><circle cx="{N(x)}" cy="{N(y)}" r="4.5" class="dot"/></a>""");
                }
            if (triad.Mean is { } mean)
            {
                var (x, y) = Place(new PatternPoint(Guid.Empty, mean.A, mean.B, mean.C));
                svg.Append($"""<g class="mean"><path d="M{N(x - 8)},{N(y)} L{N(x)},{N(y - 8)} L{N(x + 8)},{N(y)} L{N(x)},{N(y + 8)} Z"/><text x="{N(x + 11)}" y="{N(y + 4)}">mean</text></g>""");
            }
        }
        else
        {
            svg.Append($"""<text x="160" y="180" text-anchor="middle" class="withheld">fewer than 5 stories</text>""");
        }
        return svg.Append("</svg>").ToString();
    }

    public static string Dyad(DyadPattern dyad, string storyHref, string id)
    {
        const double left = 20, right = 300, line = 110;
        var svg = new StringBuilder();
        svg.Append($"""<svg viewBox="0 0 320 150" class="pattern-picture strip" role="group" aria-labelledby="{id}-title" data-dyad="{E(dyad.Key)}">""");
        svg.Append($"""<title id="{id}-title">{E(dyad.Prompt)}: {Said(dyad.Answered)} stories between {E(dyad.Poles[0])} and {E(dyad.Poles[1])}</title>""");
        svg.Append($"""<line x1="{left}" y1="{line}" x2="{right}" y2="{line}" class="strip-line"/>""");
        svg.Append($"""<text x="{left}" y="140" class="corner-label">{E(dyad.Poles[0])}</text><text x="{right}" y="140" text-anchor="end" class="corner-label">{E(dyad.Poles[1])}</text>""");
        if (dyad.Histogram is { } bins && dyad.Values is { } values)
        {
            var most = Math.Max(1, bins.Max(b => b.Count is int c ? c : 0));
            var width = (right - left) / bins.Count;
            foreach (var (bin, i) in bins.Select((b, i) => (b, i)))
            {
                var height = (bin.Count is int c ? c : 0) * 70.0 / most;
                svg.Append($"""<rect x="{N(left + i * width + 2)}" y="{N(line - 8 - height)}" width="{N(width - 4)}" height="{N(height)}" class="bar"/>""");
            }
            if (values.Count <= MostDots)
                foreach (var (value, i) in values.Select((v, i) => (v, i)))
                    svg.Append($"""<a href="{storyHref}{value.StoryId}" tabindex="-1" aria-hidden="true" data-story="{value.StoryId}"><circle cx="{N(left + value.Value * (right - left))}" cy="{N(line + (i % 3 - 1) * 5)}" r="4" class="dot"/></a>""");
            if (dyad.Mean is { } mean)
                svg.Append($"""<g class="mean"><path d="M{N(left + mean * (right - left))},{line - 9} l7,-9 h-14 Z"/></g>""");
        }
        else
        {
            svg.Append("""<text x="160" y="80" text-anchor="middle" class="withheld">fewer than 5 stories</text>""");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Past <see cref="MostDots"/> stories, squares of the picture shaded by how many stories they hold.</summary>
    private static void Density(StringBuilder svg, IReadOnlyList<PatternPoint> points)
    {
        var cells = points.Select(Place).GroupBy(p => ((int)(p.X / Cell), (int)(p.Y / Cell))).ToDictionary(g => g.Key, g => g.Count());
        var most = cells.Values.Max();
        foreach (var ((col, row), count) in cells)
        {
            var shade = 0.15 + 0.85 * count / most;
            svg.Append($"""<rect x="{N(col * Cell)}" y="{N(row * Cell)}" width="{Cell}" height="{Cell}" class="density" fill-opacity="{N2(shade)}"/>""");
        }
    }

    private static (double X, double Y) Place(PatternPoint p)
    {
        var sum = p.A + p.B + p.C;
        if (sum <= 0) sum = 1;
        return ((p.A * Corners[0].X + p.B * Corners[1].X + p.C * Corners[2].X) / sum,
            (p.A * Corners[0].Y + p.B * Corners[1].Y + p.C * Corners[2].Y) / sum);
    }

    private static (double X, double Y) Mix(int corner, int other) =>
        (StoryPattern.Corner * Corners[corner].X + (1 - StoryPattern.Corner) * Corners[other].X,
         StoryPattern.Corner * Corners[corner].Y + (1 - StoryPattern.Corner) * Corners[other].Y);

    /// <summary>A count as read: a number, or "fewer than 5" / "withheld".</summary>
    public static string Said(object count) => count switch
    {
        PatternDisclosure.Few => "fewer than 5",
        string other => other,
        _ => count.ToString()!
    };

    public static string Share(object count, object of) =>
        count is int c && of is int n && n > 0 ? $"{Math.Round(100.0 * c / n):0}%" : "";

    private static string N2(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
