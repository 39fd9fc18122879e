using Marten;
using Npgsql;

namespace ImpactJournal.Journal;

/// <summary>
/// Read-your-writes for lists that are projected asynchronously: before a person's list is read, wait
/// (at most <see cref="MaxWait"/>) until the list's projection has passed every event that person
/// appended in this alliance and the projection has not reached yet. Others' reads never wait, and the
/// check is one indexed look at the unprojected tail of the journal, so it works on every instance.
/// </summary>
public static class OwnWrites
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(20);

    public static async Task WaitForProjectionAsync<TReadModel>(IQuerySession session, NpgsqlDataSource dataSource, string? subject,
        CancellationToken ct)
    {
        if (subject is null) return;
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        // Where the projection stands and the person's last event beyond it, in one round trip.
        await using var look = dataSource.CreateCommand($"""
            select p.last_seq_id, (select max(seq_id) from {schema}.mt_events where seq_id > p.last_seq_id and tenant_id = $2 and user_name = $3)
            from ({ProgressSql(schema)}) as p
            """);
        look.Parameters.Add(new NpgsqlParameter { Value = ProgressPattern<TReadModel>() });
        look.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        look.Parameters.Add(new NpgsqlParameter { Value = subject });
        long progress, target;
        await using (var reader = await look.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            if (reader.IsDBNull(1)) return;
            (progress, target) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var deadline = DateTime.UtcNow + MaxWait;
        while (progress < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(LookAgain, ct);
            progress = await ProgressAsync<TReadModel>(dataSource, schema, ct);
        }
    }

    /// <summary>The last event sequence the read model's projection has processed (0 before it first ran).</summary>
    public static async Task<long> ProgressAsync<TReadModel>(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(ProgressSql(schema));
        command.Parameters.Add(new NpgsqlParameter { Value = ProgressPattern<TReadModel>() });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static string ProgressSql(string schema) =>
        $"select coalesce(min(last_seq_id), 0) as last_seq_id from {schema}.mt_event_progression where name like $1";

    private static string ProgressPattern<TReadModel>() => $"{typeof(TReadModel).Name}:%";
}
