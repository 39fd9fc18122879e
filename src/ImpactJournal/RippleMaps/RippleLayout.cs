using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Where each ripple sits in the radial picture, chosen so that a growing map stays still under
/// people's eyes: ripples are placed one by one in the order they were added, each next to the ripple
/// it came from (first-order ripples spread round the focus by the golden angle), on the first free
/// spot of its ring's two lanes. A ripple's spot depends only on the ripples added before it, so
/// adding a ripple never moves the ones already drawn. A ring widens (moving its ripples outwards)
/// only when it holds more than <see cref="Capacity"/> ripples; rings of a live session rarely do.
/// </summary>
public static class RippleLayout
{
    public const double FirstRing = 160;
    // From a ring's outer lane to the next ring: room for a label and a little air.
    public const double RingGap = 90;
    public const double LaneGap = 56;
    public const int Lanes = 2;
    // A ripple with its two-line label needs this box; two boxes never overlap when there is room.
    private const double BoxWidth = 150;
    private const double BoxHeight = 56;
    private const double AngleStep = Math.PI / 180;
    private static readonly double GoldenAngle = Math.PI * (3 - Math.Sqrt(5));

    public sealed record Ring(int Order, double Radius);

    /// <summary>
    /// Where everything sits, and what placing more ripples needs: the angle and order each ripple was
    /// placed with, and the spots taken.
    /// </summary>
    public sealed record Placement(IReadOnlyDictionary<Guid, (double X, double Y)> Positions, IReadOnlyList<Ring> Rings, double Extent)
    {
        internal Dictionary<Guid, double> Angles { get; init; } = [];
        internal Dictionary<Guid, int> Orders { get; init; } = [];
        internal Grid Occupied { get; init; } = new();
        internal int FirstOrderPlaced { get; init; }
        internal (DateTimeOffset AddedAt, Guid Id) Last { get; init; }
    }

    /// <summary>How many ripples a ring of this radius holds before it widens.</summary>
    public static int Capacity(double radius) =>
        Enumerable.Range(0, Lanes).Sum(lane => (int)(2 * Math.PI * (radius + lane * LaneGap) / BoxWidth * (lane == 0 ? 1 : OuterLaneShare)));

    // Beside the focus (left and right) the outer lane is only a lane's width from the inner one, too close
    // for labels, so it takes about half as many ripples as its length would.
    private const double OuterLaneShare = 0.5;
    // A ring fuller than its capacity estimate spills into further lanes rather than overlap.
    private const int OverflowLanes = 8;

    /// <summary>
    /// The placement of a map. Given the placement of an earlier version of the same map, only the ripples
    /// added since are placed (the answer is the same as placing everything, because a ripple's spot
    /// depends only on the ripples before it), unless the rings or an earlier ripple's order changed.
    /// </summary>
    public static Placement Place(RippleMapView map, Placement? earlier = null)
    {
        var byRing = map.Nodes.GroupBy(n => n.Order ?? int.MaxValue).OrderBy(g => g.Key).ToList();
        var rings = new List<Ring>();
        var radiusOf = new Dictionary<int, double>();
        var outer = 0.0;
        foreach (var ring in byRing)
        {
            var radius = (outer == 0 ? FirstRing : outer + RingGap) + (ring.Key == int.MaxValue ? RingGap / 2 : 0);
            // Widening in steps that grow with the ring, so a crowded ring widens rarely.
            while (Capacity(radius) < ring.Count()) radius += Math.Max(LaneGap, radius / 4);
            radiusOf[ring.Key] = radius;
            rings.Add(new Ring(ring.Key, radius));
            outer = radius + (Lanes - 1) * LaneGap;
        }

        var ordered = map.Nodes.OrderBy(n => n.AddedAt).ThenBy(n => n.Id).ToList();
        var extendable = earlier is not null && Extends(earlier, rings, ordered);
        var positions = extendable ? new Dictionary<Guid, (double X, double Y)>(earlier!.Positions) : new() { [map.Id] = (0, 0) };
        var angles = extendable ? new Dictionary<Guid, double>(earlier!.Angles) : new() { [map.Id] = -Math.PI / 2 };
        var orders = extendable ? new Dictionary<Guid, int>(earlier!.Orders) : [];
        var occupied = extendable ? earlier!.Occupied.Copy() : new Grid();
        var firstOrderPlaced = extendable ? earlier!.FirstOrderPlaced : 0;
        var parents = map.Links.Where(l => l.Status != LinkStatus.Withdrawn).ToLookup(l => l.To, l => l.From);
        foreach (var node in ordered)
        {
            if (positions.ContainsKey(node.Id)) continue;
            var order = node.Order ?? int.MaxValue;
            double preferred;
            if (order == 1 || order == int.MaxValue) preferred = -Math.PI / 2 + GoldenAngle * firstOrderPlaced++;
            else preferred = parents[node.Id].Where(angles.ContainsKey).Select(p => angles[p]).DefaultIfEmpty(-Math.PI / 2).First();
            var (angle, at) = FreeSpot(occupied, radiusOf[order], preferred);
            angles[node.Id] = angle;
            positions[node.Id] = at;
            orders[node.Id] = order;
            occupied.Add(at);
        }
        return new Placement(positions, rings, outer)
        {
            Angles = angles, Orders = orders, Occupied = occupied, FirstOrderPlaced = firstOrderPlaced,
            Last = ordered.Count == 0 ? (DateTimeOffset.MinValue, Guid.Empty) : (ordered[^1].AddedAt, ordered[^1].Id)
        };
    }

    /// <summary>Whether placing only the new ripples gives the same as placing them all.</summary>
    private static bool Extends(Placement earlier, IReadOnlyList<Ring> rings, IReadOnlyList<NodeView> ordered)
    {
        var radii = rings.ToDictionary(r => r.Order, r => r.Radius);
        if (earlier.Rings.Any(r => radii.GetValueOrDefault(r.Order) != r.Radius)) return false;
        var kept = 0;
        foreach (var node in ordered)
        {
            if (!earlier.Orders.TryGetValue(node.Id, out var order))
            {
                // A new ripple sorting before one already placed would change the spots after it.
                if ((node.AddedAt, node.Id).CompareTo(earlier.Last) < 0) return false;
                continue;
            }
            if (order != (node.Order ?? int.MaxValue)) return false;
            kept++;
        }
        return kept == earlier.Orders.Count;
    }

    private static (double Angle, (double X, double Y) At) FreeSpot(Grid occupied, double radius, double preferred)
    {
        if (FreeSpot(occupied, radius, preferred, 0, Lanes) is { } spot) return spot;
        if (FreeSpot(occupied, radius, preferred, Lanes, Lanes + OverflowLanes) is { } spilled) return spilled;
        // Nowhere free: beside the ripple it came from, overlapping; never moving another.
        return (preferred, At(radius, preferred));
    }

    private static (double Angle, (double X, double Y) At)? FreeSpot(Grid occupied, double radius, double preferred, int firstLane, int endLane)
    {
        for (var step = 0; step <= 180; step++)
            foreach (var sign in step == 0 ? [1] : new[] { 1, -1 })
            {
                var angle = preferred + sign * step * AngleStep;
                for (var lane = firstLane; lane < endLane; lane++)
                {
                    var at = At(radius + lane * LaneGap, angle);
                    if (!occupied.Clashes(at)) return (angle, at);
                }
            }
        return null;
    }

    private static (double X, double Y) At(double radius, double angle) => (radius * Math.Cos(angle), radius * Math.Sin(angle));

    /// <summary>Placed ripples bucketed by label box, so a clash check looks at a few neighbours only.</summary>
    internal sealed class Grid
    {
        private readonly Dictionary<(int, int), List<(double X, double Y)>> _cells = [];

        public Grid Copy()
        {
            var copy = new Grid();
            foreach (var (key, list) in _cells) copy._cells[key] = [.. list];
            return copy;
        }

        public void Add((double X, double Y) at)
        {
            var key = Cell(at);
            if (!_cells.TryGetValue(key, out var list)) _cells[key] = list = [];
            list.Add(at);
        }

        public bool Clashes((double X, double Y) at)
        {
            var (cx, cy) = Cell(at);
            for (var dx = -1; dx <= 1; dx++)
                for (var dy = -1; dy <= 1; dy++)
                    if (_cells.TryGetValue((cx + dx, cy + dy), out var list)
                        && list.Exists(p => Math.Abs(p.X - at.X) < BoxWidth && Math.Abs(p.Y - at.Y) < BoxHeight))
                        return true;
            // The focus and its label.
            return Math.Abs(at.X) < BoxWidth * 1.4 && Math.Abs(at.Y) < BoxHeight * 1.6;
        }

        private static (int, int) Cell((double X, double Y) at) => ((int)Math.Floor(at.X / BoxWidth), (int)Math.Floor(at.Y / BoxHeight));
    }
}
