using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using ImpactJournal.Alliances;
using ImpactJournal.RippleMaps;
using Marten;

namespace ImpactJournal.Web;

/// <summary>
/// The patches of each map that open boards follow, made once per map version for every board of this instance
/// and sent down their live streams: fifty boards woken by the same commit share one read of the journal and one
/// patch instead of each fetching its own. A patch is made when a commit this instance signalled is not in the
/// feed yet, or when the feed's last look at the journal is older than <see cref="FreshFor"/> (so changes written
/// through other instances arrive too). Recent patches are kept, up to <see cref="MaxBytesPerMap"/>, for boards that
/// reconnect; a board further back, or between two kept patches, gets a patch of its own, with the whole picture.
/// A patch also carries the whole picture when a ripple already sent moved since the one before (the map was laid out
/// afresh), or the layout generation a board compares changed.
/// </summary>
public sealed class BoardPatches(IDocumentStore store, RippleMapStates states, MapChangeSignals signals)
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromMilliseconds(250);
    private const long MaxBytesPerMap = 1 << 20;
    private const int MaxMaps = 64;
    private readonly ConcurrentDictionary<(string Tenant, Guid Map), Feed> _feeds = new();
    private long _made;

    /// <summary>How many patches this instance has made: one per map version its boards were shown, however many boards.</summary>
    public long Made => Interlocked.Read(ref _made);

    /// <summary>The map's version now and the patches that bring a board from <paramref name="after"/> to it; null when there is no such map.</summary>
    public async Task<(long Version, IReadOnlyList<BoardPatch> Patches)?> AfterAsync(Alliance alliance, Guid mapId, long? after, CancellationToken ct)
    {
        var key = (alliance.Id.ToString(), mapId);
        var signalled = signals.Count(mapId);
        if (_feeds.Count >= MaxMaps && !_feeds.ContainsKey(key)) _feeds.Clear();
        var feed = _feeds.GetOrAdd(key, _ => new Feed());
        await feed.Gate.WaitAsync(ct);
        try
        {
            RippleMapStates.Held? held = null;
            if (feed.Known is null || feed.Signalled < signalled || Stopwatch.GetElapsedTime(feed.ReadAt) > FreshFor)
            {
                feed.Signalled = signalled;
                if ((held = await CatchUpAsync(feed, key.Item1, mapId, alliance, ct)) is null) return null;
            }
            var known = feed.Known!.Value;
            if (after is not { } shown || shown >= known) return (known, []);
            var from = feed.Patches.FindIndex(p => p.After == shown);
            if (from >= 0) return (known, feed.Patches.GetRange(from, feed.Patches.Count - from));
            held ??= await CatchUpAsync(feed, key.Item1, mapId, alliance, ct);
            return held is null ? null : (held.Map.Version, [Make(held, alliance, shown, whole: true)]);
        }
        finally
        {
            feed.Gate.Release();
        }
    }

    /// <summary>Reads the map as it is now and, when it moved on, makes the one patch every board of it shares.</summary>
    private async Task<RippleMapStates.Held?> CatchUpAsync(Feed feed, string tenant, Guid mapId, Alliance alliance, CancellationToken ct)
    {
        feed.ReadAt = Stopwatch.GetTimestamp();
        await using var session = store.QuerySession(tenant);
        if (await states.CurrentAsync(session, mapId, ct) is not { } held) return null;
        if (feed.Known is { } known && held.Map.Version > known)
        {
            var patch = Make(held, alliance, known, whole: Moved(feed.Layout, held.Layout));
            feed.Patches = feed.Patches.Add(patch);
            feed.Bytes += patch.Event.Length;
            while (feed.Bytes > MaxBytesPerMap && feed.Patches.Count > 1)
            {
                feed.Bytes -= feed.Patches[0].Event.Length;
                feed.Patches = feed.Patches.RemoveAt(0);
            }
        }
        feed.Layout = held.Layout;
        feed.Known = Math.Max(feed.Known ?? 0, held.Map.Version);
        return held;
    }

    private BoardPatch Make(RippleMapStates.Held held, Alliance alliance, long after, bool whole)
    {
        Interlocked.Increment(ref _made);
        return BoardPatch.Of(held, alliance, after, whole);
    }

    /// <summary>Whether boards showing the earlier placement must redraw whole: a ripple they show moved, or the generation they compare changed.</summary>
    private static bool Moved(RippleLayout.Placement? earlier, RippleLayout.Placement now) =>
        earlier is null || earlier.Generation != now.Generation
        || earlier.Spots.Any(s => !now.Spots.TryGetValue(s.Key, out var spot) || (spot.X, spot.Y, spot.LabelX, spot.Baseline, spot.Anchor) != (s.Value.X, s.Value.Y, s.Value.LabelX, s.Value.Baseline, s.Value.Anchor));

    private sealed class Feed
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public ImmutableList<BoardPatch> Patches = [];
        public long Bytes;
        /// <summary>The placement of the picture the last patch brought boards to.</summary>
        public RippleLayout.Placement? Layout;
        public long? Known;
        public long Signalled;
        public long ReadAt;
    }
}
