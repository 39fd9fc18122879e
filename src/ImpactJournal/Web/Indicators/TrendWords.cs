using ImpactJournal.Indicators;

namespace ImpactJournal.Web;

/// <summary>What a trend picture shows, in a sentence for those who cannot see it, in the words of <see cref="TrendSentence"/>.</summary>
public static class TrendWords
{
    public static string Outline(IReadOnlyList<OutlinePoint> outline, string directionWords)
    {
        var versions = outline.Select(p => p.DefinitionVersion).Distinct().Count();
        return $"Readings from {TrendSentence.Day(outline[0].ObservedOn)} to {TrendSentence.Day(outline[^1].ObservedOn)}: {directionWords}"
            + (versions > 1 ? $"; the definition changed {Times(versions - 1)}, marked by dashed lines." : ".");
    }

    public static string Series(IndicatorTrend trend)
    {
        if (trend.Series.Count == 0) return "No readings yet.";
        if (trend.Series.Count == 1)
            return $"One reading: {TrendSentence.Value(trend.Series[0].Value, trend.Unit)} on {TrendSentence.Day(trend.Series[0].ObservedOn)}.";
        return $"{trend.Series.Count} readings from {TrendSentence.Day(trend.Series[0].ObservedOn)} to {TrendSentence.Day(trend.Series[^1].ObservedOn)}, "
            + $"lowest {TrendSentence.Value(trend.Series.Min(p => p.Value), trend.Unit)}, highest {TrendSentence.Value(trend.Series.Max(p => p.Value), trend.Unit)}; "
            + trend.DirectionWords
            + (trend.ReadingsByVersion.Count > 1 ? $"; definition versions {string.Join(", ", trend.ReadingsByVersion.Keys)}, each change marked by a dashed line." : ".");
    }

    /// <summary>
    /// "It went from 31 on 31 December 2024 to 58 on 31 December 2025 (up 27). Since the learning review “…”: up 6."
    /// With one reading of the current definition there is no movement to tell, so nothing is said.
    /// </summary>
    public static string Movement(IndicatorTrend trend)
    {
        // A change in a percentage is in percentage points ("up 14 percentage points", not "up 14%").
        string Change(double change) => change == 0 ? "no change" : $"{(change > 0 ? "up" : "down")} " + (trend.Unit == IndicatorUnit.Percent
            ? $"{Math.Abs(change).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)} percentage point{(Math.Abs(change) == 1 ? "" : "s")}"
            : TrendSentence.Value(Math.Abs(change), trend.Unit));
        var words = new List<string>();
        if (trend.Baseline is { } baseline && trend.Latest is { } latest && baseline.ObservedOn != latest.ObservedOn)
            words.Add($"It went from {TrendSentence.Value(baseline.Value, trend.Unit)} on {TrendSentence.Day(baseline.ObservedOn)} to "
                + $"{TrendSentence.Value(latest.Value, trend.Unit)} on {TrendSentence.Day(latest.ObservedOn)}"
                + (trend.ChangeSinceBaseline is { } change ? $" ({Change(change.Absolute)})." : "."));
        if (trend.ChangeSinceLastReview is { Change: { } sinceReview, Since: { } since } review && trend.Latest is { } last && since.ObservedOn != last.ObservedOn)
            words.Add($"Since the learning review “{review.Title}”: {Change(sinceReview.Absolute)}.");
        return string.Join(" ", words);
    }

    private static string Times(int count) => count == 1 ? "once" : $"{count} times";
}
