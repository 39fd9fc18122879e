using System.Globalization;

namespace ImpactJournal.Web;

/// <summary>
/// Where a triad's corners and marker sit in its triangle. The marker's position is the weighted mean of
/// the corners (barycentric coordinates): a story placed wholly on the first label sits on the top corner.
/// The browser script uses the same corners, read from the drawing's data attributes.
/// </summary>
public static class TriadPicture
{
    public const int Width = 320;
    public const int Height = 290;

    public static readonly (double X, double Y)[] Corners = [(160, 30), (30, 255), (290, 255)];

    public static string Points => string.Join(" ", Corners.Select(c => $"{N(c.X)},{N(c.Y)}"));

    /// <summary>The marker's centre for weights in any scale (percentages or fractions); null when they do not add up to something.</summary>
    public static (string X, string Y)? Marker(IReadOnlyList<double?> weights)
    {
        if (weights.Count != 3 || weights.Any(w => w is null or < 0)) return null;
        var sum = weights.Sum(w => w!.Value);
        if (sum <= 0) return null;
        var x = Enumerable.Range(0, 3).Sum(i => weights[i]!.Value * Corners[i].X) / sum;
        var y = Enumerable.Range(0, 3).Sum(i => weights[i]!.Value * Corners[i].Y) / sum;
        return (N(x), N(y));
    }

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
