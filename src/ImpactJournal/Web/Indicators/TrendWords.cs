using ImpactJournal.Indicators;

namespace ImpactJournal.Web;

/// <summary>What a trend picture shows, in a sentence for those who cannot see it.</summary>
public static class TrendWords
{
    public static string Outline(IReadOnlyList<OutlinePoint> outline, TrendDirection direction)
    {
        var versions = outline.Select(p => p.DefinitionVersion).Distinct().Count();
        return $"From {Charts.Day(outline[0].ObservedOn)} ({Charts.Number(outline[0].Value)}) to {Charts.Day(outline[^1].ObservedOn)} ({Charts.Number(outline[^1].Value)}); "
            + $"direction {Words.Of(direction)}" + (versions > 1 ? $"; the definition changed {versions - 1} time(s), marked by dashed lines." : ".");
    }

    public static string Series(IndicatorTrend trend) =>
        trend.Series.Count == 0
            ? "No readings yet."
            : $"{trend.Series.Count} readings from {Charts.Day(trend.Series[0].ObservedOn)} to {Charts.Day(trend.Series[^1].ObservedOn)}, "
              + $"lowest {Charts.Number(trend.Series.Min(p => p.Value))}, highest {Charts.Number(trend.Series.Max(p => p.Value))}; "
              + $"direction {Words.Of(trend.Direction)}"
              + (trend.ReadingsByVersion.Count > 1 ? $"; definition versions {string.Join(", ", trend.ReadingsByVersion.Keys)}, each change marked by a dashed line." : ".");

    /// <summary>"From 31 on 31 Dec 2024 to 58 on 31 Dec 2025 (+27). Since the learning review “…”: +6."</summary>
    public static string Movement(IndicatorTrend trend)
    {
        static string Signed(double change) => (change >= 0 ? "+" : "") + Charts.Number(change);
        var words = new List<string>();
        if (trend.Baseline is { } baseline && trend.Latest is { } latest)
            words.Add($"From {Charts.Number(baseline.Value)} on {Charts.Day(baseline.ObservedOn)} to {Charts.Number(latest.Value)} on {Charts.Day(latest.ObservedOn)}"
                + (trend.ChangeSinceBaseline is { } change ? $" ({Signed(change.Absolute)})." : "."));
        if (trend.ChangeSinceLastReview is { Change: { } sinceReview } review)
            words.Add($"Since the learning review “{review.Title}”: {Signed(sinceReview.Absolute)}.");
        return string.Join(" ", words);
    }
}
