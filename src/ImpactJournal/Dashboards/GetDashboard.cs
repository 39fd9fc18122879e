using System.Security.Claims;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.Dashboards;

public sealed record DashboardAnswer(DateOnly Today, IReadOnlyList<AllianceDashboard> Alliances);

public static class GetDashboardEndpoint
{
    /// <summary>
    /// For each alliance the caller belongs to: observations per week (last 26 weeks, Monday
    /// starts), ripple-map growth (ripples added per month and running total), capital balance
    /// (ripples by current coding; observations of the 26 weeks), indicators with latest value and
    /// direction (retired ones left out), and the latest learning review's adaptations with
    /// follow-through on the review before it; the last closed review the same way (<c>lastClosedReview</c>, what the
    /// web app's dashboard shows) and the reviews still open (<c>reviewsInProgress</c>). In commissioner views, counts below 5 that include
    /// identifiable observations read "&lt;5". No targets, no ratings, no league tables.
    /// Relational health reads the latest closed check-in round (an open one's figures could be differenced).
    /// </summary>
    [WolverineGet("/api/dashboard", OperationId = "getDashboard")]
    [ProducesResponseType<DashboardAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(ClaimsPrincipal user, IDocumentStore store, NpgsqlDataSource dataSource, RippleMapStates states, TimeProvider clock, CancellationToken ct)
    {
        var subject = ActingSubject.Of(user)!;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var alliances = await MembershipQuery.AlliancesOfAsync(store, subject, ct);

        // A few alliances at a time, each on its own connections: a commissioner of ten waits for the slowest few, not
        // the sum of all ten; the bound keeps one person from taking a large share of the connection pool.
        var dashboards = new AllianceDashboard[alliances.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, alliances.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) =>
            {
                var alliance = alliances[i];
                await using var session = store.QuerySession(alliance.Id.ToString());
                var viewer = new Viewer(alliance.MemberBySubject(subject)!.Role, today);
                dashboards[i] = await ForAllianceAsync(session, dataSource, states, alliance, viewer, token);
            });
        return Results.Ok(new DashboardAnswer(today, dashboards));
    }

    /// <summary>One alliance's dashboard as this viewer may see it (the web app's dashboard page draws the same).</summary>
    public static async Task<AllianceDashboard> ForAllianceAsync(IQuerySession session, NpgsqlDataSource dataSource, RippleMapStates states, Alliance alliance, Viewer viewer, CancellationToken ct)
    {
        // The counts read grouped rows over a connection of their own: the slowest read, so it runs while the session reads the rest.
        var firstWeek = AllianceDashboard.FirstWeek(viewer.Today);
        var counting = ObservationCounts.WeeksAsync(session, dataSource, firstWeek, viewer, ct);
        var maps = await ReviewFacts.MapsAsync(session, states, ct);
        var indicators = await IndicatorDocuments.OnDashboardAsync(session, viewer.Today, ct);
        var reviews = await session.Query<LearningReview>().OrderByDescending(r => r.PeriodEnd).ToListAsync(ct);
        var latest = reviews.FirstOrDefault();
        var previous = latest is null ? null : await ReviewFacts.PreviousAsync(session, latest, ct);
        var lastClosed = reviews.Where(r => r.Closed).OrderByDescending(r => r.ClosedAt).ThenByDescending(r => r.PeriodEnd).FirstOrDefault();
        var beforeLastClosed = lastClosed is null ? null : lastClosed.Id == latest!.Id ? previous : await ReviewFacts.PreviousAsync(session, lastClosed, ct);
        var relational = await RelationalHealth.ReadAsync(session, dataSource, alliance, viewer, ct);
        var observations = await counting;
        return AllianceDashboard.Build(alliance.Id, alliance.Name, viewer, observations, [.. maps.Select(m => m.Facts)], indicators, latest, previous)
            with
            {
                RelationalHealth = relational,
                LastClosedReview = DashboardReview.Of(lastClosed, beforeLastClosed),
                ReviewsInProgress = [.. reviews.Where(r => !r.Closed).OrderBy(r => r.PeriodEnd).Select(r => new ReviewInProgress(r.Id, r.Title, r.PeriodStart, r.PeriodEnd))]
            };
    }
}
