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
    /// whole period (every fact's ObservedOn is <c>firstDay</c>) by partner, themes and identifiability, as a review
    /// summary counts them; capitals are left out (no fact has any), which makes a large alliance's quarter a few
    /// hundred rows rather than ten thousand.
    /// </summary>
    public static async Task<IReadOnlyList<ObservationFact>> OnDaysAsync(IQuerySession session, NpgsqlDataSource dataSource,
        DateOnly firstDay, DateOnly lastDay, Viewer viewer, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        if (firstDay > lastDay) return [];
        await using var command = dataSource.CreateCommand($"""
            select $2::date, t.partner_id, t.themes, array[]::text[], t.identifiable, count(*)::int
            from {ObservationTally.TableFor(session.DocumentStore.Options)} as t
            where t.tenant_id = $1 and t.observed_on between $2 and $3
              and ($4::timestamptz is null and t.retracted_at is null
                   or t.logged_at <= $4 and (t.retracted_at is null or t.retracted_at > $4))
              and t.scope = any($5)
              and (t.expires_on is null or t.expires_on >= $6)
            group by 1, 2, 3, 5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = firstDay });
        command.Parameters.Add(new NpgsqlParameter { Value = lastDay });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf is null ? DBNull.Value : asOf.Value.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = ScopesReadableBy(viewer) });
        command.Parameters.Add(new NpgsqlParameter { Value = viewer.Today });
        return await ReadFactsAsync(command, ct);
    }

    /// <summary>
    /// The dashboard's facts: the observations (not retracted) the viewer may read, one fact per week (starting
    /// Monday, its ObservedOn) and capitals and identifiability, from the Monday <c>firstWeek</c> to the viewer's
    /// today: every week from <see cref="ObservationWeeks"/>, less what the tally holds for the current week's days
    /// after today (observations dated ahead, rarely any).
    /// </summary>
    public static async Task<IReadOnlyList<ObservationFact>> WeeksAsync(IQuerySession session, NpgsqlDataSource dataSource,
        DateOnly firstWeek, Viewer viewer, CancellationToken ct)
    {
        var tally = ObservationTally.TableFor(session.DocumentStore.Options);
        await using var command = dataSource.CreateCommand($"""
            with counted as (
                select w.week, w.capitals, w.identifiable, w.observations
                from {ObservationWeeks.TableOf(tally)} as w
                where w.tenant_id = $1 and w.week >= $2 and w.week <= $3
                  and w.scope = any($4) and w.expires_on >= $3
                union all
                select date_trunc('week', t.observed_on)::date, t.capitals, t.identifiable, -1
                from {tally} as t
                where t.tenant_id = $1 and t.observed_on > $3 and t.observed_on < date_trunc('week', $3::date)::date + 7
                  and t.retracted_at is null and t.scope = any($4) and (t.expires_on is null or t.expires_on >= $3))
            select week, '00000000-0000-0000-0000-000000000000'::uuid, array[]::text[], capitals, identifiable, sum(observations)::int
            from counted
            group by week, capitals, identifiable
            having sum(observations) > 0
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = firstWeek });
        command.Parameters.Add(new NpgsqlParameter { Value = viewer.Today });
        command.Parameters.Add(new NpgsqlParameter { Value = ScopesReadableBy(viewer) });
        return await ReadFactsAsync(command, ct);
    }

    /// <summary>
    /// The codebook's facts: the observations (not retracted) with any theme that the viewer may read, one fact per
    /// week (starting Monday, its ObservedOn), recorded themes and identifiability — what a theme's counts, weekly
    /// trend and co-occurring themes are counted from, whatever names the codebook gives those themes today.
    /// </summary>
    public static async Task<IReadOnlyList<ObservationFact>> ThemeWeeksAsync(IQuerySession session, NpgsqlDataSource dataSource,
        Viewer viewer, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select date_trunc('week', t.observed_on)::date, '00000000-0000-0000-0000-000000000000'::uuid, t.themes,
                   array[]::text[], t.identifiable, count(*)::int
            from {ObservationTally.TableFor(session.DocumentStore.Options)} as t
            where t.tenant_id = $1 and t.retracted_at is null and cardinality(t.themes) > 0
              and t.scope = any($2) and (t.expires_on is null or t.expires_on >= $3)
            group by 1, 3, 5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = ScopesReadableBy(viewer) });
        command.Parameters.Add(new NpgsqlParameter { Value = viewer.Today });
        return await ReadFactsAsync(command, ct);
    }

    /// <summary>
    /// A learning review's evidence: the observations (not retracted) observed from <c>firstDay</c> to <c>lastDay</c> that the
    /// viewer may read, one fact per week (starting Monday, its ObservedOn), capitals, valence and identifiability. The
    /// valence is not in the tally, so the period's rows are joined to their documents (a quarter's, not the alliance's).
    /// </summary>
    public static async Task<IReadOnlyList<ObservationFact>> WeeksOfPeriodAsync(IQuerySession session, NpgsqlDataSource dataSource,
        DateOnly firstDay, DateOnly lastDay, Viewer viewer, CancellationToken ct)
    {
        if (firstDay > lastDay) return [];
        var options = session.DocumentStore.Options;
        await using var command = dataSource.CreateCommand($"""
            select date_trunc('week', t.observed_on)::date, t.capitals, d.data ->> 'valence', t.identifiable, count(*)::int
            from {ObservationTally.TableFor(options)} as t
            join {ObservationTally.DocumentTable(options).QualifiedName} as d on d.tenant_id = t.tenant_id and d.id = t.id
            where t.tenant_id = $1 and t.observed_on between $2 and $3 and t.retracted_at is null
              and t.scope = any($4) and (t.expires_on is null or t.expires_on >= $5)
            group by 1, 2, 3, 4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = firstDay });
        command.Parameters.Add(new NpgsqlParameter { Value = lastDay });
        command.Parameters.Add(new NpgsqlParameter { Value = ScopesReadableBy(viewer) });
        command.Parameters.Add(new NpgsqlParameter { Value = viewer.Today });
        var facts = new List<ObservationFact>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            facts.Add(new ObservationFact(Guid.Empty, DateOnly.FromDateTime(reader.GetDateTime(0)), [], Capitals(reader.GetFieldValue<string[]>(1)),
                reader.GetBoolean(3), false, reader.GetInt32(4), reader.IsDBNull(2) ? null : Vocabulary.Parse<Valence>(reader.GetString(2))));
        return facts;
    }

    /// <summary>The consent scopes the viewer may read, as the tally spells them: what every count of observations filters by.</summary>
    public static string[] ScopesReadableBy(Viewer viewer) =>
        [.. ConsentScopes.ReadableBy(viewer.Role).Select(s => s.ToString().ToLowerInvariant())];

    private static async Task<IReadOnlyList<ObservationFact>> ReadFactsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var facts = new List<ObservationFact>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            facts.Add(new ObservationFact(reader.GetGuid(1), DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetFieldValue<string[]>(2),
                Capitals(reader.GetFieldValue<string[]>(3)), reader.GetBoolean(4), false, reader.GetInt32(5)));
        }
        return facts;
    }

    private static List<CommunityCapital> Capitals(string[] spelled) =>
        [.. spelled.Select(c => Vocabulary.Parse<CommunityCapital>(c)).OfType<CommunityCapital>()];
}
