using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// What summaries and dashboards count of a map's ripples, flattened once per map version: when each happened,
/// its order, its current capitals as bits, when it was re-coded. A large alliance's maps hold tens of thousands of
/// ripples; counting them from these plain arrays costs a fraction of walking the map's immutable dictionaries.
/// </summary>
public sealed class RippleFacts
{
    public readonly record struct Ripple(Guid Id, string Label, int? Order, DateTimeOffset HappenedAt, Capitals Capitals, bool? Intended,
        DateTimeOffset[] RecodedAt, IReadOnlyList<string> Themes);

    private RippleFacts(Guid mapId, Ripple[] ripples)
    {
        MapId = mapId;
        Ripples = ripples;
    }

    public Guid MapId { get; }

    /// <summary>In the order they were added.</summary>
    public IReadOnlyList<Ripple> Ripples { get; }

    public static RippleFacts Of(RippleMap map)
    {
        var orders = RippleOrder.Compute(map.ToGraph());
        var ripples = map.Nodes.Values.OrderBy(n => n.Version).Select(n => new Ripple(n.Id, n.Label, orders.GetValueOrDefault(n.Id),
            map.HappenedAt(n), Capitals.Of(n.Coding.Capitals), n.Coding.Intended, [.. n.Codings.Skip(1).Select(c => c.At)],
            n.Coding.Themes ?? [])).ToArray();
        return new RippleFacts(map.Id, ripples);
    }
}

/// <summary>A set of community capitals as bits, so counting a ripple's capitals costs no lookups.</summary>
public readonly record struct Capitals(int Bits)
{
    public static Capitals Of(IEnumerable<CommunityCapital> capitals) => new(capitals.Aggregate(0, (bits, c) => bits | 1 << (int)c));

    public bool Contains(CommunityCapital capital) => (Bits & 1 << (int)capital) != 0;
}
