using ImpactJournal.Access;
using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;

namespace ImpactJournal.LearningReviews;

/// <summary>Reads what the summaries and the dashboard are computed from, in as few and as narrow queries as it can.</summary>
public static class ReviewFacts
{
    public static async Task<IReadOnlyList<RippleMapStates.Held>> MapsAsync(IQuerySession session, RippleMapStates states, CancellationToken ct)
    {
        var ids = await session.Query<RippleMapHeader>().OrderBy(m => m.StartedAt).Select(m => m.Id).ToListAsync(ct);
        var maps = new List<RippleMapStates.Held>();
        foreach (var id in ids)
            if (await states.CurrentAsync(session, id, ct) is { } held) maps.Add(held);
        return maps;
    }

    public static async Task<IReadOnlyList<Story>> SelectedStoriesAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Story>().Where(s => s.Selections.Any()).ToListAsync(ct);

    public static async Task<IReadOnlyList<Indicator>> IndicatorsAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Indicator>().ToListAsync(ct);

    /// <summary>The review before this one: the latest whose period ended before this one's began.</summary>
    public static async Task<LearningReview?> PreviousAsync(IQuerySession session, LearningReview review, CancellationToken ct) =>
        await session.Query<LearningReview>().Where(r => r.PeriodEnd < review.PeriodStart && r.Id != review.Id)
            .OrderByDescending(r => r.PeriodEnd).FirstOrDefaultAsync(ct);

    public static Viewer ViewerOf(HttpContext http, TimeProvider clock) =>
        new(CurrentMember.Of(http).Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
