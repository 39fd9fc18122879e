using System.Collections.Concurrent;
using ImpactJournal.Alliances;
using Marten;

namespace ImpactJournal.Access;

/// <summary>
/// Recently loaded alliances (their members and partners), so that authorizing a request reads one small row
/// (the version of the alliance's stream) rather than the whole alliance. An alliance changed by any instance
/// has a new version, so the next request anywhere loads it again: a member removed through one instance is
/// refused by every instance on their next request, however late another instance hears of the change.
/// </summary>
public sealed class AllianceDirectory(IDocumentStore store)
{
    private readonly ConcurrentDictionary<Guid, (Alliance Alliance, long Version)> _entries = new();

    public async ValueTask<Alliance?> FindAsync(Guid allianceId, CancellationToken ct)
    {
        await using var session = store.QuerySession(allianceId.ToString());
        // Absence is not remembered: an alliance formed a moment later must be found at once.
        if (await session.Events.FetchStreamStateAsync(allianceId, ct) is not { } stream) return null;
        if (_entries.TryGetValue(allianceId, out var entry) && entry.Version == stream.Version) return entry.Alliance;

        // Loaded after its version was read, so it is at least that new; were it newer, the next request reloads it.
        var alliance = await session.LoadAsync<Alliance>(allianceId, ct);
        if (alliance is not null) _entries[allianceId] = (alliance, stream.Version);
        return alliance;
    }
}
