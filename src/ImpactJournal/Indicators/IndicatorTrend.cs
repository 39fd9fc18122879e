using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;

namespace ImpactJournal.Indicators;

public sealed record SeriesPoint(Guid ReadingId, DateOnly ObservedOn, double Value, int DefinitionVersion, int? SampleSize, string? Note);

public sealed record Change(double Absolute, double? Relative);

public sealed record ChangeSinceReview(Guid ReviewId, string Title, DateOnly PeriodEnd, ReadingPoint? Since, Change? Change);

/// <summary>
/// GET …/trend: the whole series (every definition version, each point saying which), and the
/// figures computed within the current definition version only. There is no target, threshold or
/// rating: direction is a signal for learning.
/// </summary>
public sealed record IndicatorTrend(
    Guid Id,
    string Name,
    IndicatorStatus Status,
    IndicatorUnit Unit,
    int DefinitionVersion,
    IReadOnlyList<SeriesPoint> Series,
    IReadOnlyDictionary<string, int> ReadingsByVersion,
    ReadingPoint? Baseline,
    ReadingPoint? Latest,
    Change? ChangeSinceBaseline,
    ChangeSinceReview? ChangeSinceLastReview,
    TrendDirection Direction,
    double? SlopePerDay,
    double? NoiseBand,
    string Method,
    string Basis,
    IReadOnlyList<EvidenceView> Linked,
    DateTimeOffset? AsOf,
    string DirectionWords)
{
    /// <summary>The trend of an indicator; <c>withdrawn</c> names cited records whose consent was withdrawn.</summary>
    public static IndicatorTrend Of(Indicator indicator, LearningReview? lastClosedReview, DateTimeOffset? asOf, IReadOnlySet<Guid> withdrawn)
    {
        var current = indicator.CurrentReadings.ToList();
        var (fit, words) = TrendSentence.Over([.. current.Select(r => (r.ObservedOn, r.Value))], TrendAlong.Readings);
        var baseline = current.Count == 0 ? null : new ReadingPoint(current[0].ObservedOn, current[0].Value);
        var latest = indicator.Latest;
        var sinceReview = lastClosedReview is null ? null : SinceReview(current, latest, lastClosedReview);
        var earlier = indicator.Readings.Count - current.Count;

        return new IndicatorTrend(indicator.Id, indicator.Name, indicator.Status, indicator.Definition.Unit, indicator.Definition.Version,
            [.. indicator.Readings.OrderBy(r => r.ObservedOn).ThenBy(r => r.RecordedAt)
                .Select(r => new SeriesPoint(r.Id, r.ObservedOn, r.Value, r.DefinitionVersion, r.SampleSize, r.Note))],
            indicator.Readings.GroupBy(r => r.DefinitionVersion).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count()),
            baseline, latest, baseline is null || latest is null ? null : Between(baseline, latest), sinceReview,
            fit.Direction, fit.SlopePerDay, fit.NoiseBand, TrendMethod.Description,
            $"Baseline, latest, changes and direction use the {Readings(current.Count)} of definition version {indicator.Definition.Version}"
                + (earlier > 0 ? $"; {Readings(earlier)} of earlier versions {(earlier == 1 ? "is" : "are")} in the series but not compared." : "."),
            EvidenceView.Of([.. indicator.Readings.SelectMany(r => r.Linked).Distinct()], withdrawn), asOf, words);
    }

    private static string Readings(int count) => count == 1 ? "1 reading" : $"{count} readings";

    private static ChangeSinceReview SinceReview(List<Reading> current, ReadingPoint? latest, LearningReview review)
    {
        var at = current.LastOrDefault(r => r.ObservedOn <= review.PeriodEnd);
        var since = at is null ? null : new ReadingPoint(at.ObservedOn, at.Value);
        return new ChangeSinceReview(review.Id, review.Title, review.PeriodEnd, since, since is null || latest is null ? null : Between(since, latest));
    }

    private static Change Between(ReadingPoint from, ReadingPoint to) =>
        new(to.Value - from.Value, from.Value == 0 ? null : (to.Value - from.Value) / Math.Abs(from.Value));
}
