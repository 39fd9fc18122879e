using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Codebook;
using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using ImpactJournal.Network;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;
using Npgsql;

namespace ImpactJournal.LearningReviews;

/// <summary>Reads what the summaries and the dashboard are computed from, in as few and as narrow queries as it can.</summary>
public static class ReviewFacts
{
    /// <summary>The summary of a review from what the journal holds now, or held at <c>asOf</c>.</summary>
    public static async Task<ReviewSummary> SummaryAsync(IQuerySession session, NpgsqlDataSource dataSource, RippleMapStates states,
        LearningReview review, Alliance alliance, Viewer viewer, DateTimeOffset? asOf, CancellationToken ct)
    {
        // The counts (grouped rows over a connection of their own), the indicators and the stories are the slowest reads,
        // so they run while the session reads the rest. As the journal stood at a moment, whole series are read and cut down here.
        var counting = ObservationCounts.OnDaysAsync(session, dataSource, review.PeriodStart, review.PeriodEnd, viewer, ct, asOf);
        var reading = AsideAsync(session, aside => asOf is null
            ? IndicatorDocuments.WithReadingsUpToAsync(aside, review.PeriodEnd, ct)
            : IndicatorsAsync(aside, ct));
        var selecting = AsideAsync(session, aside => SelectedStoriesAsync(aside, ct));
        var held = await MapsAsync(session, states, ct);
        IReadOnlyList<RippleFacts> ripples = [.. held.Select(m => m.Facts)];
        IReadOnlyList<RippleMap> maps = [.. held.Select(m => m.Map)];
        var previous = await PreviousAsync(session, review, ct);
        var stories = await selecting;
        var indicators = await reading;
        if (asOf is { } moment)
        {
            var mapsThen = new List<RippleMap>();
            foreach (var map in held)
                if (await MapAt.StateAsync(session, states, map, moment, ct) is { } mapThen) mapsThen.Add(mapThen);
            ripples = [.. mapsThen.Select(RippleFacts.Of)];
            maps = mapsThen;
            indicators = [.. indicators.Select(i => i.AsOf(moment))];
            stories = [.. stories.Select(s => s.AsOf(moment))];
            previous = previous is null ? null : await session.Events.AggregateStreamAsync<LearningReview>(previous.Id, timestamp: moment, token: ct);
        }
        var partners = alliance.Partners.ToDictionary(p => p.Id, p => p.Name);
        // Themes are counted under the codebook's current names; the observations keep the words they were coded with.
        var codebook = await Codebooks.OfAllianceAsync(session, ct);
        var facts = (await counting).Select(f => f with { Themes = codebook.CurrentNamesOf(f.Themes) }).ToList();
        var summary = ReviewSummary.Build(review, previous, facts, partners, ripples, indicators, stories, viewer);
        return summary with
        {
            Relationships = await RelationshipsAsync(session, dataSource, review, alliance, viewer, asOf, ct),
            MappingSessions = MappingSessionReflection.Within(maps, review.PeriodStart, review.PeriodEnd)
        };
    }

    /// <summary>
    /// Check-in rounds closed by <c>asOf</c> (with their final answers: a closed round takes no more, and answers given
    /// or replaced before it closed are never replayed) and the collaboration network up to the review's end.
    /// </summary>
    private static async Task<ReviewRelationships> RelationshipsAsync(IQuerySession session, NpgsqlDataSource dataSource,
        LearningReview review, Alliance alliance, Viewer viewer, DateTimeOffset? asOf, CancellationToken ct)
    {
        var rounds = await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct);
        if (asOf is { } moment)
        {
            // Whether it had closed is read from the stream's own (server) timestamps; what it shows is the final round.
            var closed = new List<CheckInRound>();
            foreach (var round in rounds.Where(r => r.Closed))
                if (await session.Events.AggregateStreamAsync<CheckInRound>(round.Id, timestamp: moment, token: ct) is { Closed: true }) closed.Add(round);
            rounds = closed;
        }
        var ties = await JointActivity.UntilAsync(session, dataSource, review.PeriodEnd, viewer, ct);
        var network = CollaborationNetwork.Of(review.PeriodEnd, CollaborationNetwork.DefaultQuietAfterDays, alliance.Partners, ties);
        return ReviewRelationships.Build(review, alliance, rounds, network, viewer);
    }

    /// <summary>A read of the same alliance over a session (and connection) of its own, to run beside the session's reads.</summary>
    private static async Task<T> AsideAsync<T>(IQuerySession session, Func<IQuerySession, Task<T>> read)
    {
        await using var aside = session.DocumentStore.QuerySession(session.TenantId);
        return await read(aside);
    }

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

    /// <summary>An indicator with only the readings and definitions recorded by a moment.</summary>
    public static Indicator AsOf(this Indicator indicator, DateTimeOffset asOf) => indicator with
    {
        Readings = [.. indicator.Readings.Where(r => r.RecordedAt <= asOf)],
        Definitions = [.. indicator.Definitions.Where((d, i) => i == 0 || d.Since <= asOf)]
    };

    /// <summary>A story with only the selections made by a moment.</summary>
    public static Story AsOf(this Story story, DateTimeOffset asOf) =>
        story with { Selections = [.. story.Selections.Where(s => s.SelectedAt <= asOf)] };

    public static Viewer ViewerOf(HttpContext http, TimeProvider clock) =>
        new(CurrentMember.Of(http).Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
