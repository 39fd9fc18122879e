using Marten;
using Marten.Linq;
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
        await using var look = dataSource.CreateBatch();
        look.BatchCommands.Add(Look<TReadModel>(session, subject));
        long progress, target;
        await using (var reader = await look.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            if (reader.IsDBNull(1)) return;
            (progress, target) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        await WaitAsync<TReadModel>(session, dataSource, progress, target, ct);
    }

    /// <summary>
    /// The documents <paramref name="query"/> finds once the person's own writes have reached them. The look at the
    /// journal and the query travel in one round trip, the query's snapshot taken after the look's; only when the
    /// look finds writes not yet projected is the query run again, after waiting for them.
    /// </summary>
    public static async Task<IReadOnlyList<TReadModel>> ListAsync<TReadModel>(IQueryable<TReadModel> query, IQuerySession session,
        NpgsqlDataSource dataSource, string? subject, CancellationToken ct) where TReadModel : notnull
    {
        if (subject is null) return await query.ToListAsync(ct);
        var (documents, progress, target) = await LookAndListAsync(query, session, dataSource, subject, ct);
        if (documents is not null) return documents;
        await WaitAsync<TReadModel>(session, dataSource, progress, target, ct);
        return await query.ToListAsync(ct);
    }

    private static async Task<(IReadOnlyList<TReadModel>? Documents, long Progress, long Target)> LookAndListAsync<TReadModel>(
        IQueryable<TReadModel> query, IQuerySession session, NpgsqlDataSource dataSource, string subject, CancellationToken ct)
        where TReadModel : notnull
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Look<TReadModel>(session, subject));
        var listing = query.ToCommand(FetchType.FetchMany);
        var list = new NpgsqlBatchCommand(listing.CommandText);
        foreach (NpgsqlParameter parameter in listing.Parameters) list.Parameters.Add(parameter.Clone());
        batch.BatchCommands.Add(list);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.IsDBNull(1)) return (null, reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(ct);
        var data = reader.GetOrdinal("data");
        var serializer = session.DocumentStore.Options.Serializer();
        var documents = new List<TReadModel>();
        while (await reader.ReadAsync(ct)) documents.Add(await serializer.FromJsonAsync<TReadModel>(reader, data, ct));
        return (documents, 0, 0);
    }

    /// <summary>Where the projection stands and the person's last event beyond it (null when there is none).</summary>
    private static NpgsqlBatchCommand Look<TReadModel>(IQuerySession session, string subject)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var look = new NpgsqlBatchCommand($"""
            select p.last_seq_id, (select max(seq_id) from {schema}.mt_events where seq_id > p.last_seq_id and tenant_id = $2 and user_name = $3)
            from ({ProgressSql(schema)}) as p
            """);
        look.Parameters.Add(new NpgsqlParameter { Value = ProgressPattern<TReadModel>() });
        look.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        look.Parameters.Add(new NpgsqlParameter { Value = subject });
        return look;
    }

    private static async Task WaitAsync<TReadModel>(IQuerySession session, NpgsqlDataSource dataSource, long progress, long target,
        CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
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
