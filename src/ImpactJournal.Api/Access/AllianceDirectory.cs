using System.Collections.Concurrent;
using ImpactJournal.Alliances;
using Marten;
using Marten.Services;

namespace ImpactJournal.Access;

/// <summary>
/// Recently loaded alliances (their members and partners), so that authorizing a request needs no
/// database round trip. A commit to an alliance's stream evicts it at once, in this process and, through
/// <see cref="Infrastructure.CommitNotices"/>, in every other instance before the commit is answered;
/// <see cref="TimeToLive"/> only bounds an entry's age should a notice ever be missed.
/// </summary>
public sealed class AllianceDirectory(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, (Alliance Alliance, DateTimeOffset LoadedAt)> _entries = new();

    /// <summary>
    /// False while this instance cannot hear other instances' commits (and before it first can): every lookup then
    /// reads the database, since a membership change made elsewhere would go unnoticed.
    /// </summary>
    public bool Trusted { get; set; }

    public async ValueTask<Alliance?> FindAsync(Guid allianceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (Trusted && _entries.TryGetValue(allianceId, out var entry) && now - entry.LoadedAt < TimeToLive) return entry.Alliance;

        await using var session = store.QuerySession(allianceId.ToString());
        var alliance = await session.LoadAsync<Alliance>(allianceId, ct);
        // Absence is not remembered: an alliance formed a moment later must be found at once.
        if (alliance is not null) _entries[allianceId] = (alliance, now);
        return alliance;
    }

    public void Evict(Guid allianceId) => _entries.TryRemove(allianceId, out _);

    public void EvictAll() => _entries.Clear();
}

/// <summary>Evicts an alliance from the directory whenever events are committed to its stream.</summary>
public sealed class EvictChangedAlliances(Func<AllianceDirectory> directory) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var stream in commit.GetStreams().Where(s => s.AggregateType == typeof(Alliance)))
            directory().Evict(stream.Id);
        return Task.CompletedTask;
    }
}
