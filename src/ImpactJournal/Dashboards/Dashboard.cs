using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Dashboards;

public sealed record WeekCount(DateOnly WeekStarting, object Count);

public sealed record MonthGrowth(string Month, int Added, int Total);

public sealed record CapitalBalance(int Ripples, object Observations);

/// <summary>
/// An indicator on the dashboard: <c>directionWords</c> says the direction in the words every page and summary uses;
/// <c>latestAge</c> says how old the latest reading is when that is old for the indicator's cadence, else null.
/// </summary>
public sealed record DashboardIndicator(Guid Id, string Name, IndicatorStatus Status, IndicatorUnit Unit, ReadingPoint? Latest, TrendDirection Direction,
    IReadOnlyList<OutlinePoint>? Outline, string DirectionWords, string? LatestAge);

public sealed record DashboardReview(Guid Id, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, string Status,
    IReadOnlyList<Adaptation> Adaptations, IReadOnlyList<FollowThrough> FollowThrough)
{
    public static DashboardReview? Of(LearningReview? review, LearningReview? previous) => review is null ? null : new(review.Id, review.Title,
        review.PeriodStart, review.PeriodEnd, review.Closed ? "closed" : "open", review.Adaptations, LearningReviews.FollowThrough.Of(previous));
}

/// <summary>A learning review still open, named on the dashboard as in progress.</summary>
public sealed record ReviewInProgress(Guid Id, string Title, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>
/// One alliance on the caller's dashboard. Counts are numbers, or in commissioner views "&lt;5" where a
/// count below 5 includes identifiable observations and "withheld" where it would reveal one by subtraction.
/// </summary>
public sealed record AllianceDashboard(
    Guid Id,
    string Name,
    AllianceRole Role,
    IReadOnlyList<WeekCount> ObservationsPerWeek,
    IReadOnlyList<MonthGrowth> RippleMapGrowth,
    IReadOnlyDictionary<string, CapitalBalance> CapitalBalance,
    IReadOnlyList<DashboardIndicator> Indicators,
    DashboardReview? LatestReview,
    RelationalHealth? RelationalHealth = null,
    DashboardReview? LastClosedReview = null,
    IReadOnlyList<ReviewInProgress>? ReviewsInProgress = null)
{
    public const int Weeks = 26;

    /// <summary>The Monday that starts the oldest of the 26 weeks that end with the current one.</summary>
    public static DateOnly FirstWeek(DateOnly today) =>
        today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7 * (Weeks - 1));

    public static AllianceDashboard Build(Guid id, string name, Viewer viewer, IReadOnlyList<ObservationFact> observations,
        IReadOnlyList<RippleFacts> maps, IReadOnlyList<DashboardIndicator> indicators, LearningReview? latestReview, LearningReview? previousReview)
    {
        var firstWeek = FirstWeek(viewer.Today);
        var counted = observations.Where(o => !o.Retracted && o.ObservedOn >= firstWeek && o.ObservedOn <= viewer.Today).ToList();
        var byWeek = counted.ToLookup(o => (o.ObservedOn.DayNumber - firstWeek.DayNumber) / 7);
        var weekCounts = counted.ShownRow(Enumerable.Range(0, Weeks).Select(w => byWeek[w]), viewer);
        var weeks = Enumerable.Range(0, Weeks).Select(w => new WeekCount(firstWeek.AddDays(7 * w), weekCounts.Cells[w])).ToList();

        var ripples = maps.SelectMany(m => m.Ripples).ToList();
        var growth = Growth(ripples, viewer.Today);

        var capitals = Enum.GetValues<CommunityCapital>();
        // Capitals overlap like themes; suppressed as if they added up to the total.
        var capitalCounts = counted.ShownRow(capitals.Select(c => counted.Where(o => o.Capitals.Contains(c))), viewer);
        var balance = capitals.Select((c, i) => (c, i)).ToDictionary(x => Vocabulary.Spell(x.c), x => new CapitalBalance(
            ripples.Count(r => r.Capitals.Contains(x.c)), capitalCounts.Cells[x.i]));

        return new AllianceDashboard(id, name, viewer.Role, weeks, growth, balance, indicators, DashboardReview.Of(latestReview, previousReview));
    }

    /// <summary>Ripples added per month (by when they happened) and the running total, from the first month to today's.</summary>
    private static List<MonthGrowth> Growth(IReadOnlyList<RippleFacts.Ripple> ripples, DateOnly today)
    {
        var growth = new List<MonthGrowth>();
        if (ripples.Count == 0) return growth;
        var byMonth = ripples.CountBy(r => (r.HappenedAt.UtcDateTime.Year, r.HappenedAt.UtcDateTime.Month)).ToDictionary();
        var total = 0;
        var first = ripples.Min(r => r.HappenedAt).UtcDateTime;
        for (var month = new DateTime(first.Year, first.Month, 1); month <= today.ToDateTime(TimeOnly.MinValue); month = month.AddMonths(1))
        {
            var added = byMonth.GetValueOrDefault((month.Year, month.Month));
            total += added;
            growth.Add(new MonthGrowth(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), added, total));
        }
        return growth;
    }
}
