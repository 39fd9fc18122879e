using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Npgsql;

namespace ImpactJournal.Observations;

/// <summary>
/// Grouped facts of one alliance's observations (retracted ones left out) for summaries and the
/// dashboard: PostgreSQL counts the <see cref="ObservationTally"/> rows that share a day, partner, themes,
/// capitals and identifiability, so tens of thousands of observations arrive as a few thousand small rows.
/// </summary>
public static class ObservationCounts
{
    /// <summary>
    /// Facts of the observations observed on the days from <c>firstDay</c> to <c>lastDay</c> (inclusive, UTC)
    /// that the viewer may read (a commissioner's counts never include alliance-scope or expired
    /// consent); with <c>asOf</c>, as they stood then (logged and retracted by that moment). Grouped over the
    /// whole period (every fact's ObservedOn is <c>firstDay</c>), as a review summary counts them; with
    /// <c>weeksFrom</c>, the dashboard's facts: one per week counted from that day (its ObservedOn is
    /// the week's first day), without partner or themes, so PostgreSQL sorts a few hundred groups, not thousands.
    /// </summary>
    public static async Task<IReadOnlyList<ObservationFact>> OnDaysAsync(IQuerySession session, NpgsqlDataSource dataSource,
        DateOnly firstDay, DateOnly lastDay, Viewer viewer, CancellationToken ct, DateTimeOffset? asOf = null, DateOnly? weeksFrom = null)
    {
        if (firstDay > lastDay) return [];
        var byWeek = weeksFrom is not null;
        await using var command = dataSource.CreateCommand($"""
            select {(byWeek ? "$7::date + 7 * ((t.observed_on - $7::date) / 7)" : "$2::date")},
                   {(byWeek ? "'00000000-0000-0000-0000-000000000000'::uuid" : "t.partner_id")},
                   {(byWeek ? "'{}'::text[]" : "t.themes")},
                   t.capitals, t.identifiable, count(*)::int
            from {ObservationTally.TableFor(session.DocumentStore.Options)} as t
            where t.tenant_id = $1 and t.observed_on between $2 and $3
              and ($4::timestamptz is null and t.retracted_at is null
                   or t.logged_at <= $4 and (t.retracted_at is null or t.retracted_at > $4))
              and t.scope = any($5)
              and (t.expires_on is null or t.expires_on >= $6)
            group by 1, 2, 3, 4, 5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = firstDay });
        command.Parameters.Add(new NpgsqlParameter { Value = lastDay });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf is null ? DBNull.Value : asOf.Value.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = ConsentScopes.ReadableBy(viewer.Role).Select(s => s.ToString().ToLowerInvariant()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = viewer.Today });
        if (weeksFrom is { } firstWeekDay) command.Parameters.Add(new NpgsqlParameter { Value = firstWeekDay });

        var facts = new List<ObservationFact>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var capitals = reader.GetFieldValue<string[]>(3).Select(c => Vocabulary.Parse<CommunityCapital>(c)).OfType<CommunityCapital>().ToList();
            facts.Add(new ObservationFact(reader.GetGuid(1), DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetFieldValue<string[]>(2),
                capitals, reader.GetBoolean(4), false, reader.GetInt32(5)));
        }
        return facts;
    }
}
