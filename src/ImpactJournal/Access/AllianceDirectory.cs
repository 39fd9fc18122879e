using System.Collections.Concurrent;
using System.Diagnostics;
using ImpactJournal.Alliances;
using Marten;
using Npgsql;

namespace ImpactJournal.Access;

/// <summary>
/// Recently loaded alliances (their members and partners), so that authorizing a request reads one small row
/// (the version of the alliance's stream) rather than the whole alliance. An alliance changed by any instance
/// has a new version, so the next request anywhere loads it again: a member removed through one instance is
/// refused by every instance on their next request, however late another instance hears of the change.
/// Requests for the same alliance share a version read that started after they arrived (it sees every change
/// committed before they did), so a busy alliance or a crowd of live boards costs a few reads, not one each.
/// </summary>
public sealed class AllianceDirectory(IDocumentStore store, NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<Guid, (Alliance Alliance, long Version)> _entries = new();
    private readonly ConcurrentDictionary<Guid, VersionRead> _reads = new();

    private sealed record VersionRead(long StartedAt, Lazy<Task<long?>> Version);

    /// <summary>The alliance as the database held it at some moment after this call began; null if there is none.</summary>
    public async ValueTask<Alliance?> FindAsync(Guid allianceId, CancellationToken ct)
    {
        // Absence is not remembered: an alliance formed a moment later must be found at once.
        if (await VersionAsync(allianceId, Stopwatch.GetTimestamp()).WaitAsync(ct) is not { } version) return null;
        if (_entries.TryGetValue(allianceId, out var entry) && entry.Version == version) return entry.Alliance;

        // Loaded after its version was read, so it is at least that new; were it newer, the next request reloads it.
        await using var session = store.QuerySession(allianceId.ToString());
        var alliance = await session.LoadAsync<Alliance>(allianceId, ct);
        if (alliance is not null) _entries[allianceId] = (alliance, version);
        return alliance;
    }

    /// <summary>The stream's version, read by a query that started no earlier than <c>since</c> (a shared one if there is one).</summary>
    private Task<long?> VersionAsync(Guid allianceId, long since)
    {
        var fresh = new VersionRead(Stopwatch.GetTimestamp(), new Lazy<Task<long?>>(() => ReadVersionAsync(allianceId)));
        var read = _reads.AddOrUpdate(allianceId, fresh, (_, current) => current.StartedAt >= since ? current : fresh);
        return read.Version.Value;
    }

    // Not cancelled by any one caller: others may be waiting for the same read.
    private async Task<long?> ReadVersionAsync(Guid allianceId)
    {
        await using var command = dataSource.CreateCommand(
            $"select version from {store.Options.Events.DatabaseSchemaName}.mt_streams where tenant_id = $1 and id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = allianceId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = allianceId });
        return await command.ExecuteScalarAsync() is long version ? version : null;
    }
}
