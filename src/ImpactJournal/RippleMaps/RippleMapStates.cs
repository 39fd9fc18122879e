using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using ImpactJournal.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// The maps' current states, kept in memory and caught up from the journal on every use: a read
/// fetches only the events appended since the state it already holds, so a map of tens of
/// thousands of events is not re-read per request, and every instance stays exact because the
/// journal, not the cache, decides what is current. States are immutable and keyed by tenant.
/// Each held map also keeps its timeline (when each version was reached) and a checkpoint of the
/// fold every <see cref="CheckpointEvery"/> events, so the map as it stood at any moment costs at
/// most that many events read and folded, and recent answers are remembered.
/// </summary>
public sealed class RippleMapStates(IOptions<JsonOptions> json)
{
    // How long a state read for open boards counts as current.
    private static readonly TimeSpan RecentFor = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<(string Tenant, Guid Map), long> _looked = new();

    public const int CheckpointEvery = 256;
    private const int MaxMapsHeld = 256;
    // Held maps cost memory by their events (states, timelines, checkpoints), not by their number: beyond this many
    // events in all, the maps used least recently are let go (a region's 200 maps held at once took ~400 MB).
    private const long MaxEventsHeld = 60_000;
    private readonly ConcurrentDictionary<(string Tenant, Guid Map), long> _used = new();
    private const int MaxPastStatesHeld = 128;

    private readonly ConcurrentDictionary<(string Tenant, Guid Map), Held> _held = new();
    private readonly ConcurrentDictionary<(string Tenant, Guid Map, long Version), Past> _past = new();

    /// <summary>The map as it is now, or null when no ripple map has this id in the session's alliance.</summary>
    public async Task<Held?> CurrentAsync(IQuerySession session, Guid mapId, CancellationToken ct)
    {
        var key = (session.TenantId, mapId);
        if (_held.TryGetValue(key, out var known)) _used[key] = System.Diagnostics.Stopwatch.GetTimestamp();
        var newer = await session.Events.FetchStreamAsync(mapId, fromVersion: (known?.Map.Version ?? 0) + 1, token: ct);
        if (newer.Count == 0) return known;

        var extended = Extend(known?.Map, known?.Timeline ?? MapTimeline.Empty, newer);
        if (extended is not var (map, timeline)) return null;

        var held = new Held(map, timeline, json.Value.SerializerOptions, known);
        _used[key] = System.Diagnostics.Stopwatch.GetTimestamp();
        var kept = _held.AddOrUpdate(key, held, (_, existing) => existing.Map.Version >= held.Map.Version ? existing : held);
        KeepWithinBudget(key);
        return kept;
    }

    private void KeepWithinBudget((string Tenant, Guid Map) keep)
    {
        var events = _held.Values.Sum(h => h.Map.Version);
        if (events <= MaxEventsHeld && _held.Count <= MaxMapsHeld) return;
        foreach (var (key, _) in _used.OrderBy(u => u.Value).ToList())
        {
            if (key == keep) continue;
            if (_held.TryRemove(key, out var gone)) events -= gone.Map.Version;
            _used.TryRemove(key, out _);
            if (events <= MaxEventsHeld && _held.Count <= MaxMapsHeld) return;
        }
    }

    /// <summary>
    /// The map as open boards need it: the state held, without asking the journal again, when it was asked for
    /// less than <see cref="RecentFor"/> ago. Boards patching after a busy room's changes so share one read and
    /// one picture per interval; a board that was told of a newer version than it got asks again (board.js).
    /// </summary>
    public async Task<Held?> RecentAsync(IQuerySession session, Guid mapId, CancellationToken ct)
    {
        var key = (session.TenantId, mapId);
        if (_held.TryGetValue(key, out var known) && _looked.TryGetValue(key, out var looked)
            && System.Diagnostics.Stopwatch.GetElapsedTime(looked) < RecentFor)
            return known;
        var held = await CurrentAsync(session, mapId, ct);
        if (_looked.Count >= MaxMapsHeld && !_looked.ContainsKey(key)) _looked.Clear();
        _looked[key] = System.Diagnostics.Stopwatch.GetTimestamp();
        return held;
    }

    /// <summary>
    /// The map as it stood at a moment: every change whose version was reached by then (versions in
    /// stream order; a version is reached when it and every earlier one had been recorded). Null when
    /// the map did not exist yet or not at all.
    /// </summary>
    public async Task<RippleMap?> AsOfAsync(IQuerySession session, Guid mapId, DateTimeOffset asOf, CancellationToken ct)
    {
        if (await CurrentAsync(session, mapId, ct) is not { } held) return null;
        return await AsOfAsync(session, held, asOf, ct);
    }

    public async Task<RippleMap?> AsOfAsync(IQuerySession session, Held held, DateTimeOffset asOf, CancellationToken ct) =>
        asOf >= held.Map.LastChangedAt ? held.Map : (await PastAsync(session, held, asOf, ct))?.Map;

    /// <summary>The view of the map as it stood at a moment (computed once per version reached), or null.</summary>
    public async Task<RippleMapView?> ViewAsOfAsync(IQuerySession session, Held held, DateTimeOffset asOf, CancellationToken ct) =>
        asOf >= held.Map.LastChangedAt ? held.View with { AsOf = asOf }
            : await PastAsync(session, held, asOf, ct) is { } past ? past.View with { AsOf = asOf } : null;

    private async Task<Past?> PastAsync(IQuerySession session, Held held, DateTimeOffset asOf, CancellationToken ct)
    {
        var version = held.Timeline.VersionReachedBy(asOf);
        if (version == 0) return null;

        var key = (session.TenantId, held.Map.Id, version);
        if (_past.TryGetValue(key, out var remembered)) return remembered;
        var (from, start) = held.Timeline.CheckpointAtOrBefore(version);
        var events = await session.Events.FetchStreamAsync(held.Map.Id, version: version, fromVersion: from + 1, token: ct);
        JournalInstruments.TimeTravelEventsFolded.Add(events.Count);
        if (RippleMap.Fold(start, events) is not { } map) return null;
        if (_past.Count >= MaxPastStatesHeld || _past.Values.Sum(p => p.Map.Version) + map.Version > MaxEventsHeld) _past.Clear();
        return _past.GetOrAdd(key, new Past(map));
    }

    private sealed class Past(RippleMap map)
    {
        private readonly Lazy<RippleMapView> _view = new(() => RippleMapView.Of(map));
        public RippleMap Map => map;
        public RippleMapView View => _view.Value;
    }

    private static (RippleMap Map, MapTimeline Timeline)? Extend(RippleMap? map, MapTimeline timeline, IReadOnlyList<IEvent> newer)
    {
        var reached = timeline.ReachedAt.ToBuilder();
        var checkpoints = timeline.Checkpoints;
        foreach (var e in newer)
        {
            if (map is not null && e.Version <= map.Version) continue;
            map = RippleMap.Fold(map, [e]);
            if (map is null) return null;
            reached.Add(map.LastChangedAt);
            if (map.Version % CheckpointEvery == 0) checkpoints = checkpoints.SetItem(map.Version, map);
        }
        return map is null ? null : (map, new MapTimeline(reached.ToImmutable(), checkpoints));
    }

    /// <summary>
    /// When each version of a map was reached (index = version − 1; the latest recording time up to
    /// it, so the list never goes down), and the fold at every <see cref="CheckpointEvery"/>th version.
    /// </summary>
    public sealed record MapTimeline(ImmutableList<DateTimeOffset> ReachedAt, ImmutableDictionary<long, RippleMap> Checkpoints)
    {
        public static readonly MapTimeline Empty = new(ImmutableList<DateTimeOffset>.Empty, ImmutableDictionary<long, RippleMap>.Empty);

        /// <summary>The last version reached by the moment, or 0 when none was.</summary>
        public long VersionReachedBy(DateTimeOffset moment)
        {
            int low = 0, high = ReachedAt.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (ReachedAt[middle] <= moment) low = middle + 1;
                else high = middle;
            }
            return low;
        }

        public (long Version, RippleMap? Map) CheckpointAtOrBefore(long version)
        {
            var at = version / CheckpointEvery * CheckpointEvery;
            return at > 0 && Checkpoints.TryGetValue(at, out var map) ? (at, map) : (0, null);
        }
    }

    /// <summary>A map state and, computed once when first asked for, its view and that view as JSON.</summary>
    public sealed class Held
    {
        private readonly Lazy<RippleMapView> _view;
        private readonly Lazy<byte[]> _json;
        private readonly Lazy<string> _picture;
        private readonly Lazy<RippleLayout.Placement> _layout;
        private readonly Lazy<RippleMapView> _pictureView;
        private readonly Lazy<RippleFacts> _facts;

        public Held(RippleMap map, MapTimeline timeline, JsonSerializerOptions options, Held? earlier = null)
        {
            // The latest placement made is carried over (the placement alone, so held states never chain to older ones), also
            // across states whose picture nobody asked for: when several people add at once, boards skip versions, and a map
            // laid out afresh from a skipped version would move ripples under boards that patch their picture.
            var earlierLayout = earlier?.LatestPlacement;
            _placedBefore = earlierLayout;
            Map = map;
            Timeline = timeline;
            _view = new(() => RippleMapView.Of(map));
            _json = new(() => JsonSerializer.SerializeToUtf8Bytes(_view.Value, options));
            _pictureView = new(() => _view.IsValueCreated ? _view.Value : RippleMapView.Of(map, chains: false));
            _layout = new(() => RippleLayout.Place(_pictureView.Value, earlierLayout));
            _picture = new(() => RipplePicture.Svg(_pictureView.Value, layout: _layout.Value));
            _facts = new(() => RippleFacts.Of(map));
        }

        private readonly RippleLayout.Placement? _placedBefore;

        /// <summary>This state's placement when made, else the one it would extend.</summary>
        private RippleLayout.Placement? LatestPlacement => _layout.IsValueCreated ? _layout.Value : _placedBefore;

        public RippleMap Map { get; }

        public MapTimeline Timeline { get; }

        public RippleMapView View => _view.Value;

        /// <summary>The view pictures and boards need: without cycles and spiraling-up chains, unless already computed.</summary>
        public RippleMapView PictureView => _pictureView.Value;

        /// <summary>The answer to GET …/maps/{m} while nothing changes, so a large map is not serialized per request.</summary>
        public byte[] Json => _json.Value;

        /// <summary>The picture as SVG, drawn once per version however many boards and projectors ask.</summary>
        public string Picture => _picture.Value;

        /// <summary>What summaries and dashboards count of the ripples, flattened once per version.</summary>
        public RippleFacts Facts => _facts.Value;

        /// <summary>Where each ripple sits in the picture, placed once per version.</summary>
        public RippleLayout.Placement Layout => _layout.Value;
    }
}
