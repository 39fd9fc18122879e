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
/// reconnect; a board further back, or between two kept patches, gets the whole picture and ring list, made once per
/// version for every such board. A patch carries, besides what changed, the ripples already sent that moved since the
/// one before (their sector grew), for boards to glide them there.
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
            if (held is null) return null;
            if (feed.Whole?.Version != held.Map.Version) feed.Whole = Make(held, alliance, 0, shown: null);
            return (held.Map.Version, [feed.Whole]);
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
            var patch = Make(held, alliance, known, feed.Layout);
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

    private BoardPatch Make(RippleMapStates.Held held, Alliance alliance, long after, RippleLayout.Placement? shown)
    {
        Interlocked.Increment(ref _made);
        return BoardPatch.Of(held, alliance, after, shown);
    }

    private sealed class Feed
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public ImmutableList<BoardPatch> Patches = [];
        public long Bytes;
        /// <summary>The placement of the picture the last patch brought boards to.</summary>
        public RippleLayout.Placement? Layout;
        public long? Known;
        /// <summary>The whole picture and ring list at the latest version a board far behind asked for, made once for all of them.</summary>
        public BoardPatch? Whole;
        public long Signalled;
        public long ReadAt;
    }
}
