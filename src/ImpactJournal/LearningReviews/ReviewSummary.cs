using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;

namespace ImpactJournal.LearningReviews;

/// <summary>Counts are numbers, or "&lt;5" / "withheld" where small-number suppression applies (commissioner views).</summary>
public sealed record PartnerActivity(Guid PartnerId, string Name, object Count);

public sealed record ThemeActivity(string Theme, object Count);

public sealed record ReviewActivity(object Observations, IReadOnlyList<PartnerActivity> ByPartner, IReadOnlyList<ThemeActivity> ByTheme);

public sealed record UnintendedRipple(Guid MapId, Guid Id, string Label, int? Order, DateTimeOffset AddedAt);

/// <summary>
/// An indicator over the review's period: its first and last readings within the period, and its direction over the
/// current definition's readings up to the period's end (a period often holds only a reading or two), with
/// <c>directionWords</c> saying it as every page and summary does.
/// </summary>
public sealed record IndicatorMovement(Guid Id, string Name, IndicatorUnit Unit, int DefinitionVersion, ReadingPoint? First, ReadingPoint? Last,
    TrendDirection Direction, string DirectionWords);

/// <summary>A story selected in the period that the reader may read. <c>restricted</c> is always false now (kept for clients).</summary>
public sealed record SelectedStory(Guid Id, string? Title, bool Restricted, IReadOnlyList<SelectionView> Selections);

public sealed record SelectionView(string Panel, string? Reason, DateTimeOffset SelectedAt);

public sealed record FollowThrough(Guid ReviewId, Guid AdaptationId, string Text, string? Owner, AdaptationStatus? Status, string? Note, DateTimeOffset? At)
{
    /// <summary>What became of a review's adaptations: each with its latest progress, if any was recorded.</summary>
    public static IReadOnlyList<FollowThrough> Of(LearningReview? review) => review is null ? [] :
        [.. review.Adaptations.Select(a => new FollowThrough(review.Id, a.Id, a.Text, a.Owner, a.LatestProgress?.Status, a.LatestProgress?.Note, a.LatestProgress?.At))];
}

/// <summary>
/// What a learning review looks back on, for its period (dates inclusive): activity, ripples,
/// indicator movements, stories selected as significant, its reflections and adaptations, what
/// became of the previous review's adaptations, and relationships (check-ins and the collaboration network).
/// </summary>
public sealed record ReviewSummary(
    Guid Id,
    string Title,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string Status,
    IReadOnlyList<string> Questions,
    ReviewActivity Activity,
    ReviewRipples Ripples,
    IReadOnlyList<IndicatorMovement> Indicators,
    IReadOnlyList<SelectedStory> Stories,
    IReadOnlyList<Reflection> Reflections,
    IReadOnlyList<Adaptation> Adaptations,
    IReadOnlyList<FollowThrough> FollowThrough,
    string? Summary,
    ReviewRelationships? Relationships = null,
    IReadOnlyList<MappingSessionReflection>? MappingSessions = null)
{
    public static ReviewSummary Build(LearningReview review, LearningReview? previous, IReadOnlyList<ObservationFact> observations,
        IReadOnlyDictionary<Guid, string> partnerNames, IReadOnlyList<RippleFacts> ripples,
        IReadOnlyList<Indicator> indicators, IReadOnlyList<Story> stories, Viewer viewer)
    {
        bool DayInPeriod(DateOnly day) => day >= review.PeriodStart && day <= review.PeriodEnd;
        bool InPeriod(DateTimeOffset at) => DayInPeriod(DateOnly.FromDateTime(at.UtcDateTime));
        var counted = observations.Where(o => !o.Retracted && DayInPeriod(o.ObservedOn)).ToList();
        var partners = counted.GroupBy(o => o.PartnerId).OrderBy(g => partnerNames.GetValueOrDefault(g.Key) ?? "").ThenBy(g => g.Key).ToList();
        var themes = counted.SelectMany(o => o.Themes.Select(t => (Theme: t, Observation: o))).GroupBy(x => x.Theme, x => x.Observation)
            .OrderByDescending(g => g.Sum(o => o.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var byPartner = counted.ShownRow(partners, viewer);
        // Themes overlap, so they need not add up to the total; suppressing as if they did is the safe side.
        var byTheme = counted.ShownRow(themes, viewer);
        var activity = new ReviewActivity(
            byPartner.Total is int && byTheme.Total is not int ? byTheme.Total : byPartner.Total,
            [.. partners.Select((g, i) => new PartnerActivity(g.Key, partnerNames.GetValueOrDefault(g.Key) ?? "(unknown partner)", byPartner.Cells[i]))],
            [.. themes.Select((g, i) => new ThemeActivity(g.Key, byTheme.Cells[i]))]);

        var rippleSummary = ReviewRipples.Of(ripples, review.PeriodStart, review.PeriodEnd);

        var movements = indicators.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id).Select(i =>
        {
            var upToEnd = i.CurrentReadings.Where(r => r.ObservedOn <= review.PeriodEnd).ToList();
            var within = upToEnd.Where(r => DayInPeriod(r.ObservedOn)).ToList();
            var (fit, words) = TrendSentence.Over([.. upToEnd.Select(r => (r.ObservedOn, r.Value))], TrendAlong.Readings);
            return new IndicatorMovement(i.Id, i.Name, i.Definition.Unit, i.Definition.Version,
                within.Count == 0 ? null : new ReadingPoint(within[0].ObservedOn, within[0].Value),
                within.Count == 0 ? null : new ReadingPoint(within[^1].ObservedOn, within[^1].Value),
                fit.Direction, words);
        }).ToList();

        // A story the reader may not read is left out altogether: even its id, panel or date would tell that it exists.
        var selected = stories.Where(s => !s.Withdrawn && s.Consent.AllowsReadingBy(viewer.Role, viewer.Today)
                && s.Selections.Any(x => InPeriod(x.SelectedAt)))
            .OrderBy(s => s.Selections.Where(x => InPeriod(x.SelectedAt)).Min(x => x.SelectedAt)).ThenBy(s => s.Id)
            .Select(s => new SelectedStory(s.Id, s.Title, Restricted: false,
                [.. s.Selections.Where(x => InPeriod(x.SelectedAt)).Select(x => new SelectionView(x.Panel, x.Reason, x.SelectedAt))]))
            .ToList();

        return new ReviewSummary(review.Id, review.Title, review.PeriodStart, review.PeriodEnd, review.Closed ? "closed" : "open",
            review.Questions, activity, rippleSummary, movements, selected, review.Reflections, review.Adaptations, LearningReviews.FollowThrough.Of(previous), review.Summary);
    }
}
