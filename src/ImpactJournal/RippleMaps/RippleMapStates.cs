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
public sealed class RippleMapStates(IOptions<JsonOptions> json, IConfiguration configuration)
{
    public const int CheckpointEvery = 256;

    /// <summary>
    /// How many bytes the held maps may take in all (<c>RippleMaps:HeldBytes</c>, default 64 MB): their states,
    /// timelines, views, placements, pictures and JSON, as <see cref="HeldSize"/> estimates them. Beyond it the maps
    /// used least recently are let go, however few or many they are; a map larger than the whole budget is answered
    /// but not held.
    /// </summary>
    public long BudgetBytes { get; } = configuration.GetValue("RippleMaps:HeldBytes", 64L << 20);

    /// <summary>The writes queued for each map, written a group at a time (<see cref="RippleMapWriter"/>).</summary>
    public MapWriteGroups Writes { get; } = new();

    private readonly ConcurrentDictionary<(string Tenant, Guid Map), long> _used = new();
    private readonly ConcurrentDictionary<(string Tenant, Guid Map), Held> _held = new();
    private readonly ConcurrentDictionary<(string Tenant, Guid Map, long Version), Past> _past = new();
    private readonly Lock _budget = new();

    /// <summary>What the held maps take now, by <see cref="HeldSize"/>'s estimate.</summary>
    public long HeldBytes => _held.Values.Sum(h => h.Bytes);

    /// <summary>The map as it is now, or null when no ripple map has this id in the session's alliance.</summary>
    public async Task<Held?> CurrentAsync(IQuerySession session, Guid mapId, CancellationToken ct)
    {
        var key = (session.TenantId, mapId);
        if (_held.TryGetValue(key, out var known)) _used[key] = System.Diagnostics.Stopwatch.GetTimestamp();
        var newer = await session.Events.FetchStreamAsync(mapId, fromVersion: (known?.Map.Version ?? 0) + 1, token: ct);
        if (newer.Count == 0) return known;

        var extended = Extend(known?.Map, known?.Timeline ?? MapTimeline.Empty, newer);
        if (extended is not var (map, timeline)) return null;

        var held = new Held(map, timeline, json.Value.SerializerOptions, known, () => KeepWithinBudget(key));
        _used[key] = System.Diagnostics.Stopwatch.GetTimestamp();
        var kept = _held.AddOrUpdate(key, held, (_, existing) => existing.Map.Version >= held.Map.Version ? existing : held);
        KeepWithinBudget(key);
        return kept;
    }

    /// <summary>Lets go of the maps used least recently until the held ones fit the budget; the one in use goes last.</summary>
    private void KeepWithinBudget((string Tenant, Guid Map) inUse)
    {
        lock (_budget)
        {
            var bytes = HeldBytes;
            if (bytes <= BudgetBytes) return;
            var oldestFirst = _used.OrderBy(u => u.Key == inUse).ThenBy(u => u.Value).Select(u => u.Key).ToList();
            foreach (var key in _held.Keys.Except(oldestFirst).Concat(oldestFirst))
            {
                if (_held.TryRemove(key, out var gone)) bytes -= gone.Bytes;
                _used.TryRemove(key, out _);
                if (bytes <= BudgetBytes) return;
            }
        }
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
        // Maps as they stood are few and short-lived (a slider's stops): a tenth of the budget, cleared when full.
        if (_past.Values.Sum(p => HeldSize.Of(p.Map)) + HeldSize.Of(map) > BudgetBytes / 10) _past.Clear();
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

    /// <summary>
    /// A map state and, computed once when first asked for, its view, placement, picture and JSON. It knows what it
    /// takes in memory, and says so each time it grows, so the states it belongs to can keep within their budget.
    /// </summary>
    public sealed class Held
    {
        private readonly Lazy<RippleMapView> _view;
        private readonly Lazy<byte[]> _json;
        private readonly Lazy<string> _picture;
        private readonly Lazy<RippleLayout.Placement> _layout;
        private readonly Lazy<RippleMapView> _pictureView;
        private readonly Lazy<RippleFacts> _facts;
        private readonly Action _grown;
        private readonly RippleLayout.Placement? _earlierLayout;
        private long _bytes;

        public Held(RippleMap map, MapTimeline timeline, JsonSerializerOptions options, Held? earlier = null, Action? grown = null)
        {
            // Only a placement already made is carried over, so held states never chain to older ones: the earlier state's
            // own, or, when nobody drew that one (a write read it), the placement it was given. A new placement extends
            // the last one drawn, so a board showing it sees nothing move unless the map is laid out afresh.
            _earlierLayout = earlier is { _layout.IsValueCreated: true } ? earlier._layout.Value : earlier?._earlierLayout;
            Map = map;
            Timeline = timeline;
            _grown = grown ?? (() => { });
            _bytes = HeldSize.Of(map) + HeldSize.Of(timeline);
            _view = new(() => Counted(RippleMapView.Of(map), HeldSize.Of));
            _json = new(() => Counted(JsonSerializer.SerializeToUtf8Bytes(_view.Value, options), json => json.LongLength));
            _pictureView = new(() => _view.IsValueCreated ? _view.Value : Counted(RippleMapView.Of(map, chains: false), HeldSize.Of));
            _layout = new(() => Counted(RippleLayout.Place(_pictureView.Value, _earlierLayout), HeldSize.Of));
            _picture = new(() => Counted(RipplePicture.Svg(_pictureView.Value, layout: _layout.Value), HeldSize.OfText));
            _facts = new(() => Counted(RippleFacts.Of(map), _ => 256L * map.Nodes.Count));
        }

        /// <summary>What this state and everything made from it so far take in memory, by <see cref="HeldSize"/>'s estimate.</summary>
        public long Bytes => Interlocked.Read(ref _bytes);

        private T Counted<T>(T made, Func<T, long> size)
        {
            Interlocked.Add(ref _bytes, size(made));
            _grown();
            return made;
        }

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
