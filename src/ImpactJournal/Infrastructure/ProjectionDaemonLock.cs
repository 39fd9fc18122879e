using JasperFx.Core;
using Marten;
using Npgsql;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// The advisory lock that the instance running one projection shard holds while it runs it (Marten's hot/cold daemon
/// takes one per shard: a hash of the schema and the shard's name, plus the daemon lock id). A command that rewrites
/// the shard's read model takes it first: it cannot while any instance runs the shard, and no instance starts
/// running it until the command lets go.
/// </summary>
public sealed class ProjectionDaemonLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _id;

    private ProjectionDaemonLock(NpgsqlConnection connection, long id) => (_connection, _id) = (connection, id);

    /// <summary>The shard's lock, held on a connection of its own until disposed; null while an instance holds it.</summary>
    public static async Task<ProjectionDaemonLock?> TryTakeAsync(IDocumentStore store, NpgsqlDataSource dataSource, string shard,
        CancellationToken ct)
    {
        var options = (StoreOptions)store.Options;
        long id = Math.Abs($"{options.Events.DatabaseSchemaName}:{shard}".GetDeterministicHashCode()) + options.Projections.DaemonLockId;
        var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await take.ExecuteScalarAsync(ct) is true) return new ProjectionDaemonLock(connection, id);
        }
        await connection.DisposeAsync();
        return null;
    }

    // Released explicitly: a pooled connection keeps its session, and with it the lock, after it is returned.
    public async ValueTask DisposeAsync()
    {
        await using (var release = new NpgsqlCommand("select pg_advisory_unlock($1)", _connection))
        {
            release.Parameters.Add(new NpgsqlParameter { Value = _id });
            await release.ExecuteScalarAsync();
        }
        await _connection.DisposeAsync();
    }
}
