using System.Collections.Concurrent;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// The maps' current states, kept in memory and caught up from the journal on every use: a read
/// fetches only the events appended since the state it already holds, so a map of tens of
/// thousands of events is not re-read per request, and every instance stays exact because the
/// journal, not the cache, decides what is current. States are immutable and keyed by tenant.
/// </summary>
public sealed class RippleMapStates(IOptions<JsonOptions> json)
{
    private const int MaxMapsHeld = 256;

    private readonly ConcurrentDictionary<(string Tenant, Guid Map), Held> _held = new();

    /// <summary>The map as it is now, or null when no ripple map has this id in the session's alliance.</summary>
    public async Task<Held?> CurrentAsync(IQuerySession session, Guid mapId, CancellationToken ct)
    {
        var key = (session.TenantId, mapId);
        _held.TryGetValue(key, out var known);
        var newer = await session.Events.FetchStreamAsync(mapId, fromVersion: (known?.Map.Version ?? 0) + 1, token: ct);
        if (newer.Count == 0) return known;

        var map = RippleMap.Fold(known?.Map, newer);
        if (map is null) return null;

        var held = new Held(map, json.Value.SerializerOptions);
        if (_held.Count >= MaxMapsHeld && !_held.ContainsKey(key)) _held.Clear();
        return _held.AddOrUpdate(key, held, (_, existing) => existing.Map.Version >= held.Map.Version ? existing : held);
    }

    /// <summary>The map exactly as it stood at a moment, by the time each event was recorded.</summary>
    public static async Task<RippleMap?> AsOfAsync(IQuerySession session, Guid mapId, DateTimeOffset asOf, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(mapId, timestamp: asOf, token: ct);
        return RippleMap.Fold(null, events);
    }

    /// <summary>A map state and, computed once when first asked for, its view and that view as JSON.</summary>
    public sealed class Held
    {
        private readonly Lazy<RippleMapView> _view;
        private readonly Lazy<byte[]> _json;

        public Held(RippleMap map, JsonSerializerOptions options)
        {
            Map = map;
            _view = new(() => RippleMapView.Of(map));
            _json = new(() => JsonSerializer.SerializeToUtf8Bytes(_view.Value, options));
        }

        public RippleMap Map { get; }

        public RippleMapView View => _view.Value;

        /// <summary>The answer to GET …/maps/{m} while nothing changes, so a large map is not serialized per request.</summary>
        public byte[] Json => _json.Value;
    }
}
