using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;
using Npgsql;

namespace ImpactJournal.LearningReviews;

/// <summary>Counts are numbers, or "&lt;5" / "withheld" where small-number suppression applies (commissioner views).</summary>
public sealed record PeriodWeek(DateOnly WeekStarting, object Count);

public sealed record CapitalCount(CommunityCapital Capital, object Count);

public sealed record ValenceCount(Valence Valence, object Count);

public sealed record RoundInPeriod(Guid Id, string Title, DateOnly PeriodEnd);

/// <summary>
/// What a learning review's period holds, shown beside its reflections so that nobody reflecting needs another tab: the
/// review's summary (themes, selected stories, mapping sessions, indicator movements, check-in results), and the
/// observations' weeks, capitals and valence, and how many stories were told. Everything is what the reader may read,
/// with a commissioner's small counts suppressed by the rules of the dashboard and the summary.
/// </summary>
public sealed record ReviewEvidence(
    ReviewSummary Summary,
    IReadOnlyList<PeriodWeek> Weeks,
    IReadOnlyList<CapitalCount> Capitals,
    IReadOnlyList<ValenceCount> Valences,
    object StoriesTold,
    IReadOnlyList<RoundInPeriod> CheckIns)
{
    /// <summary>How many themes the evidence names, the most frequent first.</summary>
    public const int TopThemes = 10;

    /// <summary>The Monday that starts the week holding <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// The evidence from the summary and the period's observation facts (one per week, with capitals and valence), the number
    /// of stories told in the period that the reader may read, and the check-in rounds the summary's results come from.
    /// </summary>
    public static ReviewEvidence Build(ReviewSummary summary, IReadOnlyList<ObservationFact> weekFacts, int storiesTold,
        IReadOnlyList<CheckInRound> rounds, Viewer viewer)
    {
        var firstWeek = WeekOf(summary.PeriodStart);
        var weekCount = (summary.PeriodEnd.DayNumber - firstWeek.DayNumber) / 7 + 1;
        var byWeek = weekFacts.ToLookup(f => (f.ObservedOn.DayNumber - firstWeek.DayNumber) / 7);
        var weeks = weekFacts.ShownRow(Enumerable.Range(0, weekCount).Select(w => byWeek[w]), viewer);

        // Capitals overlap like themes: suppressed as if they added up to the total, as on the dashboard.
        var capitals = Enum.GetValues<CommunityCapital>();
        var byCapital = weekFacts.ShownRow(capitals.Select(c => weekFacts.Where(f => f.Capitals.Contains(c))), viewer);
        var valences = Enum.GetValues<Valence>();
        var byValence = weekFacts.ShownRow(valences.Select(v => weekFacts.Where(f => f.Valence == v)), viewer);

        // A story is a person's: fewer than 5 read "fewer than 5" for commissioners, whatever the consent says of identifying.
        var told = SmallNumbers.Show(storiesTold, includesIdentifiable: true, viewer.IsCommissioner);
        var inPeriod = (summary.Relationships?.CheckIns ?? []).ToHashSet();
        return new ReviewEvidence(summary,
            [.. Enumerable.Range(0, weekCount).Select(w => new PeriodWeek(firstWeek.AddDays(7 * w), weeks.Cells[w]))],
            [.. capitals.Select((c, i) => new CapitalCount(c, byCapital.Cells[i]))],
            [.. valences.Select((v, i) => new ValenceCount(v, byValence.Cells[i]))],
            told,
            [.. rounds.Where(r => inPeriod.Contains(r.Id)).OrderBy(r => r.PeriodEnd).Select(r => new RoundInPeriod(r.Id, r.Title, r.PeriodEnd))]);
    }

    /// <summary>The review's evidence as this reader may see it, from what the journal holds now.</summary>
    public static async Task<ReviewEvidence> ReadAsync(IQuerySession session, NpgsqlDataSource dataSource, RippleMapStates states,
        LearningReview review, Alliance alliance, Viewer viewer, CancellationToken ct)
    {
        var weeks = ObservationCounts.WeeksOfPeriodAsync(session, dataSource, review.PeriodStart, review.PeriodEnd, viewer, ct);
        var summary = await ReviewFacts.SummaryAsync(session, dataSource, states, review, alliance, viewer, null, ct);
        var consents = await session.Query<Story>()
            .Where(s => s.ToldOn >= review.PeriodStart && s.ToldOn <= review.PeriodEnd && s.WithdrawnAt == null)
            .Select(s => s.Consent).ToListAsync(ct);
        var told = consents.Count(c => c.AllowsReadingBy(viewer.Role, viewer.Today));
        var rounds = summary.Relationships is { CheckIns.Count: > 0 } relationships
            ? await session.LoadManyAsync<CheckInRound>(ct, relationships.CheckIns)
            : [];
        return Build(summary, await weeks, told, rounds, viewer);
    }
}
