using ImpactJournal.Journal;
using ImpactJournal.Observations;
using Marten;
using Npgsql;

namespace ImpactJournal.Network;

/// <summary>
/// The joint activity of one pair of partners up to a day, as one reader may see it: joint observations (with whether
/// any of them could identify someone), joint ripples, shared sessions, and the first and latest day they acted
/// together. <see cref="From"/> sorts before <see cref="To"/>.
/// </summary>
public sealed record Tie(Guid From, Guid To, int JointObservations, bool IdentifiableObservations, int JointRipples, int SharedSessions,
    DateOnly First, DateOnly Latest)
{
    public int Weight => JointObservations + JointRipples + SharedSessions;
}

public static class JointActivity
{
    /// <summary>
    /// Every tie of the alliance the viewer may see from activity on or before <paramref name="until"/>: joint
    /// observations (not retracted) from <see cref="JointPairs"/>, only those whose consent reaches the viewer today
    /// (a commissioner's never rest on alliance-scope or expired consent, as their counts of observations do not), and
    /// ripples and sessions from <see cref="CollaborationFact"/>s. Ties, measures and dates are then all made of what
    /// the viewer may read.
    /// </summary>
    public static async Task<IReadOnlyList<Tie>> UntilAsync(IQuerySession session, NpgsqlDataSource dataSource, DateOnly until, Viewer viewer,
        CancellationToken ct)
    {
        // The pairs come over a connection of their own while the session reads the ripples' and sessions' facts.
        var pairs = ObservationTiesAsync(session, dataSource, until, viewer, ct);
        var facts = await session.Query<CollaborationFact>().Where(f => f.On <= until).ToListAsync(ct);
        var ties = await pairs;
        foreach (var fact in facts)
            foreach (var (from, to) in Pairs(fact.Partners))
            {
                var tie = ties.GetValueOrDefault((from, to)) ?? new Tie(from, to, 0, false, 0, 0, fact.On, fact.On);
                ties[(from, to)] = tie with
                {
                    JointRipples = tie.JointRipples + (fact.Kind == JointKind.Ripple ? 1 : 0),
                    SharedSessions = tie.SharedSessions + (fact.Kind == JointKind.Session ? 1 : 0),
                    First = fact.On < tie.First ? fact.On : tie.First,
                    Latest = fact.On > tie.Latest ? fact.On : tie.Latest
                };
            }
        return [.. ties.Values.OrderBy(t => t.From).ThenBy(t => t.To)];
    }

    private static async Task<Dictionary<(Guid, Guid), Tie>> ObservationTiesAsync(IQuerySession session, NpgsqlDataSource dataSource,
        DateOnly until, Viewer viewer, CancellationToken ct)
    {
        var ties = new Dictionary<(Guid, Guid), Tie>();
        await using var command = dataSource.CreateCommand(JointPairs.UntilDay(ObservationTally.TableFor(session.DocumentStore.Options)));
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        command.Parameters.Add(new NpgsqlParameter { Value = ObservationCounts.ScopesReadableBy(viewer) });
        command.Parameters.Add(new NpgsqlParameter { Value = viewer.Today });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var pair = (reader.GetGuid(0), reader.GetGuid(1));
            ties[pair] = new Tie(pair.Item1, pair.Item2, reader.GetInt32(2), reader.GetBoolean(3), 0, 0,
                reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5));
        }
        return ties;
    }

    /// <summary>Each unordered pair of distinct partners once, the smaller id first (as PostgreSQL orders uuids).</summary>
    public static IEnumerable<(Guid From, Guid To)> Pairs(IReadOnlyList<Guid> partners)
    {
        var distinct = partners.Distinct().Order(UuidOrder.Instance).ToList();
        for (var i = 0; i < distinct.Count; i++)
            for (var j = i + 1; j < distinct.Count; j++)
                yield return (distinct[i], distinct[j]);
    }
}

/// <summary>PostgreSQL's order of uuids (bytes as written), which differs from <see cref="Guid"/>'s own comparison.</summary>
public sealed class UuidOrder : IComparer<Guid>
{
    public static readonly UuidOrder Instance = new();

    public int Compare(Guid x, Guid y) => string.CompareOrdinal(x.ToString("N"), y.ToString("N"));
}
