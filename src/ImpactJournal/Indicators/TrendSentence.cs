using System.Globalization;

namespace ImpactJournal.Indicators;

/// <summary>What a trend runs along: an indicator's readings, or a commitment's middle answers round by round.</summary>
public enum TrendAlong
{
    Readings,
    Rounds
}

/// <summary>
/// The one voice for a trend over a period. The dashboard, the indicator pages, the learning review's summary (JSON,
/// Markdown, printable HTML and page) and the check-in summaries all take their words from here, so that the same
/// points read the same everywhere: "rising across 5 readings from 30 September 2025 to 30 September 2026".
/// The direction is <see cref="TrendMethod"/>'s over exactly the points the words count.
/// </summary>
public static class TrendSentence
{
    /// <summary>The direction of the points and its words.</summary>
    public static (TrendFit Fit, string Words) Over(IReadOnlyList<(DateOnly On, double Value)> points, TrendAlong along)
    {
        var fit = TrendMethod.Fit(points);
        return (fit, points.Count == 0 ? Words(fit.Direction, 0, null, null, along)
            : Words(fit.Direction, points.Count, points.Min(p => p.On), points.Max(p => p.On), along));
    }

    /// <summary>
    /// The words for a direction already fitted over <paramref name="count"/> points from <paramref name="from"/> to
    /// <paramref name="to"/> (for reads that keep the direction and count but not every point, like the dashboard's).
    /// </summary>
    public static string Words(TrendDirection direction, int count, DateOnly? from, DateOnly? to, TrendAlong along)
    {
        var noun = along == TrendAlong.Readings ? "reading" : "round";
        if (count == 0 || from is null || to is null)
            return along == TrendAlong.Readings ? "no readings yet" : "no closed rounds with enough answers yet";
        if (direction == TrendDirection.InsufficientData)
            return count < TrendMethod.MinimumReadings
                ? $"not enough {noun}s yet to tell a direction ({count} so far; it takes {TrendMethod.MinimumReadings})"
                : $"not enough {noun}s yet to tell a direction (all {count} are from {Day(from.Value)})";
        var way = direction switch
        {
            TrendDirection.Rising => "rising",
            TrendDirection.Falling => "falling",
            _ => "steady"
        };
        return $"{way} across {count} {noun}s from {Day(from.Value)} to {Day(to.Value)}";
    }

    /// <summary>A day as it is written in British English: "31 December 2025".</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A reading's value with its unit: "48%", "£1,200", "12 hours", "31".</summary>
    public static string Value(double value, IndicatorUnit unit)
    {
        var number = value.ToString("#,0.##", CultureInfo.InvariantCulture);
        return unit switch
        {
            IndicatorUnit.Percent => $"{number}%",
            IndicatorUnit.Currency => value < 0 ? $"-£{number[1..]}" : $"£{number}",
            IndicatorUnit.Hours => $"{number} hour{(value == 1 ? "" : "s")}",
            _ => number
        };
    }
}
