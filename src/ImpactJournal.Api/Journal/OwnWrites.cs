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
        var progress = await ProgressAsync<TReadModel>(dataSource, schema, ct);

        await using var own = dataSource.CreateCommand(
            $"select max(seq_id) from {schema}.mt_events where seq_id > $1 and tenant_id = $2 and user_name = $3");
        own.Parameters.Add(new NpgsqlParameter { Value = progress });
        own.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        own.Parameters.Add(new NpgsqlParameter { Value = subject });
        if (await own.ExecuteScalarAsync(ct) is not long target) return;

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
        await using var command = dataSource.CreateCommand($"select coalesce(min(last_seq_id), 0) from {schema}.mt_event_progression where name like $1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"{typeof(TReadModel).Name}:%" });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
