using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Marten;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// The recent changes of each watched map, read from the journal once for all of this instance's live
/// listeners: fifty open boards woken by the same commit share one read instead of making fifty. Changes are
/// kept as watchers see them (<see cref="MapChange.Of"/>), never as stored, so no feed holds a name. A
/// listener gets a fresh read when a commit it was woken by is not in the feed yet, or when the feed's
/// last read is older than <see cref="FreshFor"/> (so changes written by other instances arrive too).
/// A listener resuming from further back than the feed holds reads the journal itself.
/// </summary>
public sealed class MapFeeds(IDocumentStore store, MapChangeSignals signals)
{
    private const int Kept = 2048;
    private const int MaxFeeds = 256;
    private static readonly TimeSpan FreshFor = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<(string Tenant, Guid Map), Feed> _feeds = new();

    /// <summary>The map's changes after a version, in version order.</summary>
    public async Task<IReadOnlyList<MapChange>> AfterAsync(string tenant, Guid mapId, long after, CancellationToken ct)
    {
        var signalled = signals.Count(mapId);
        if (_feeds.Count >= MaxFeeds && !_feeds.ContainsKey((tenant, mapId))) _feeds.Clear();
        var feed = _feeds.GetOrAdd((tenant, mapId), _ => new Feed());
        await feed.Gate.WaitAsync(ct);
        try
        {
            if (feed.Known is null)
            {
                feed.Start = after;
                feed.Known = after;
            }
            if (feed.Signalled < signalled || Stopwatch.GetElapsedTime(feed.ReadAt) > FreshFor)
            {
                feed.Signalled = signalled;
                feed.ReadAt = Stopwatch.GetTimestamp();
                await using var session = store.QuerySession(tenant);
                var newer = await session.Events.FetchStreamAsync(mapId, fromVersion: feed.Known.Value + 1, token: ct);
                if (newer.Count > 0)
                {
                    feed.Events = feed.Events.AddRange(newer.Select(MapChange.Of));
                    feed.Known = newer[^1].Version;
                    if (feed.Events.Count > Kept)
                    {
                        feed.Events = feed.Events.RemoveRange(0, feed.Events.Count - Kept);
                        feed.Start = feed.Events[0].Version - 1;
                    }
                }
            }
            // The feed holds every event after Start; a listener further back reads the journal itself.
            return after < feed.Start ? await ReadAsync(tenant, mapId, after, ct) : [.. feed.Events.SkipWhile(e => e.Version <= after)];
        }
        finally
        {
            feed.Gate.Release();
        }
    }

    private async Task<IReadOnlyList<MapChange>> ReadAsync(string tenant, Guid mapId, long after, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return [.. (await session.Events.FetchStreamAsync(mapId, fromVersion: after + 1, token: ct)).Select(MapChange.Of)];
    }

    private sealed class Feed
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public ImmutableList<MapChange> Events = [];
        /// <summary>The feed holds every event after this version, up to <see cref="Known"/>.</summary>
        public long Start;
        public long? Known;
        public long Signalled;
        public long ReadAt;
    }
}
