using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using ImpactJournal.Network;
using Marten;
using Npgsql;

namespace ImpactJournal.Dashboards;

/// <summary>An imperative on the dashboard: the latest closed round's middle answer, the direction across rounds, how far roles differ.</summary>
public sealed record ImperativeHealth(Guid ImperativeId, string Text, int Answered, double? Median, TrendDirection Direction, string? Divergence,
    string DirectionWords);

/// <summary>
/// The dashboard's relational-health card: each imperative as the latest closed check-in round saw it, and the collaboration
/// network today (density, ties, and the ties first formed in the last quarter).
/// </summary>
public sealed record RelationalHealth(Guid? LatestCheckIn, string? LatestCheckInTitle, IReadOnlyList<ImperativeHealth> Imperatives,
    double Density, int Ties, int NewTiesThisQuarter)
{
    public const int QuarterDays = 91;

    public static async Task<RelationalHealth> ReadAsync(IQuerySession session, NpgsqlDataSource dataSource, Alliance alliance, Viewer viewer,
        CancellationToken ct)
    {
        var rounds = await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct);
        var ties = await JointActivity.UntilAsync(session, dataSource, viewer.Today, viewer, ct);
        var network = CollaborationNetwork.Of(viewer.Today, CollaborationNetwork.DefaultQuietAfterDays, alliance.Partners, ties);
        return Of(alliance, rounds, network, viewer.Today);
    }

    public static RelationalHealth Of(Alliance alliance, IReadOnlyList<CheckInRound> rounds, CollaborationNetwork network, DateOnly today)
    {
        // The latest closed round: an open one's figures could be differenced between two reads.
        var latest = rounds.Where(r => r.Closed).OrderBy(r => r.PeriodEnd).ThenBy(r => r.OpenedAt).LastOrDefault();
        var imperatives = latest is null ? [] : alliance.Imperatives.Select(i =>
        {
            var ratings = ImperativeRatings.Of(latest.RatingsOf(i.Id));
            var trend = ReadCheckInRoundsEndpoint.TrendOf(i, rounds);
            return new ImperativeHealth(i.Id, i.Text, ratings.Answered, ratings.Median, trend.Direction, ratings.Divergence?.Level, trend.DirectionWords);
        }).ToList();
        var quarterAgo = today.AddDays(-QuarterDays);
        return new RelationalHealth(latest?.Id, latest?.Title, imperatives, network.Measures.Density, network.Ties.Count,
            network.Ties.Count(t => t.First > quarterAgo));
    }
}
