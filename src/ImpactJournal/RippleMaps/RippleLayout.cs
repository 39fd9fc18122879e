using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Where each ripple sits in the radial picture, laid out as a mind map. Every ripple hangs from one parent
/// (the first ripple of the order before that led to it), so each first-order ripple heads a branch. The
/// circle is cut into slots; a branch owns a run of slots as long as its leaves need plus a quarter to spare,
/// and each ripple's children share their parent's run, so a branch stays together in its own sector and
/// its ripples sit on their order's ring. Labels sit outwards of their ripple (edges arrive from inside), and
/// each ring's radius is the smallest that keeps every ripple and label clear of every other.
/// <para>
/// Stability bound: given the placement of an earlier version, a new ripple is put where its branch's sector has room,
/// and nothing already drawn moves: in its parent's run of slots when it has a spare slot, or can grow into spare room
/// after it (each run ending where its parent's used slots end can), else at the free place on its ring nearest its
/// parent within its ancestors' runs, up to its branch's sector. Only when its sector has no room (or a ring cannot
/// take it, or an earlier ripple's parent or order changed) is the map laid out afresh with new spare room, and
/// <see cref="Placement.Reflowed"/> says so.
/// </para>
/// </summary>
public static class RippleLayout
{
    public const double NodeRadius = 14;
    public const double FocusRadius = 28;
    public const double RippleFont = 24;
    public const double FocusFont = 32;
    public const double RingNameFont = 24;
    // Between a ripple and its label, and around every box when checking for overlaps.
    private const double LabelGap = 6;
    private const double Clearance = 4;
    private const double MinRingGap = 80;
    private const double RingSpacing = 0.6;
    // The focus's lines may be longer than a ripple's: it sits alone in the middle, and each line fewer brings the first ring in.
    private const int FocusLine = 26;
    private const double LegendGap = 40;
    // Labels sit beside their ripple unless it is this close to straight above or below the focus.
    private const double SideLabels = 0.45;
    private const double Widen = 1.07;
    /// <summary>Rings are ellipses this much wider than tall: screens and slides are wide, and so are labels.</summary>
    public const double Aspect = 1.6;
    /// <summary>The picture's share of a 1920×1080 projector's screen (below the map's name and the step control).</summary>
    public static readonly (double Width, double Height) Screen = (1888, 970);
    // Maps up to this many ripples are laid out at each of so many turns, and drawn at the one that fits the screen best.
    private const int TurnedUpTo = 100;
    private const int Turns = 16;
    // Room round a ripple for the arrowheads that arrive at it.
    private const double ArrowRoom = NodeRadius + 14;

    /// <summary>The point of a ring (given by its vertical radius) at an angle.</summary>
    public static (double X, double Y) OnRing(double radius, double angle) => (radius * Aspect * Math.Cos(angle), radius * Math.Sin(angle));

    public sealed record Ring(int Order, double Radius);

    public readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public bool Overlaps(Box other, double clearance = 0) =>
            Left < other.Right + clearance && other.Left < Right + clearance && Top < other.Bottom + clearance && other.Top < Bottom + clearance;

        public Box Union(Box other) => new(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));
    }

    /// <summary>Where a ripple and its label are drawn: the label's first line's baseline at (LabelX, Baseline) with the given anchor.</summary>
    public sealed record Spot(double X, double Y, double Angle, int Ring, RippleLabel Label, double LabelX, double Baseline, string Anchor, Box Box);

    /// <summary>A ring's name, put where no ripple or label is.</summary>
    public sealed record RingName(int Order, string Text, double X, double Y);

    public sealed record Placement(IReadOnlyDictionary<Guid, (double X, double Y)> Positions, IReadOnlyList<Ring> Rings, double Extent)
    {
        public IReadOnlyDictionary<Guid, Spot> Spots { get; init; } = new Dictionary<Guid, Spot>();
        public IReadOnlyList<RingName> RingNames { get; init; } = [];
        /// <summary>Everything drawn of the map (ripples, labels, ring names), without the legend.</summary>
        public Box Bounds { get; init; }
        /// <summary>Where the legend goes: in a corner outside the outermost ring where it covers nothing, else left of the map.</summary>
        public Box Legend { get; init; }
        /// <summary>True when this placement was made afresh although an earlier one was given (ripples moved).</summary>
        public bool Reflowed { get; init; }
        /// <summary>Changes whenever ripples already drawn move (the map's version when it was laid out afresh): a board showing another layout must redraw whole.</summary>
        public int Generation { get; init; }
        /// <summary>Whether the link is the one its target hangs from in the mind map (drawn straight).</summary>
        public bool IsBranch(Guid from, Guid to) => Parents.TryGetValue(to, out var parent) && parent == from;
        internal Dictionary<Guid, Run> Runs { get; init; } = [];
        internal Dictionary<Guid, Guid> Parents { get; init; } = [];
        internal Dictionary<Guid, int> RingOf { get; init; } = [];
        internal int Slots { get; init; }
        internal double Offset { get; init; }
        internal Dictionary<int, double> Radii { get; init; } = [];
        internal string FocusText { get; init; } = "";
    }

    /// <summary>
    /// A ripple's run of slots; its children take the slots from Start onwards, in the order they were added. Centre is
    /// where the ripple itself sits (a ripple placed between slots starts its run half a slot in).
    /// </summary>
    internal sealed record Run(double Start, int Length, double Centre)
    {
        public int Used { get; set; }

        public double End => Start + Length;

        /// <summary>The middle of the next slot a child would take.</summary>
        public double Next => Start + Used + 0.5;
    }

    public static Placement Place(RippleMapView map, Placement? earlier = null)
    {
        var tree = Tree.Of(map);
        if (earlier is not null && Extend(map, tree, earlier) is { } extended) return extended;
        // A placement made afresh is named by the map's version: the same version always gives the same placement, so a board
        // showing another placement (made before a restart, or by another instance) never takes it for this one.
        var fresh = Fresh(map, tree) with { Generation = (int)map.Version };
        return earlier is null ? fresh : fresh with { Reflowed = true };
    }

    /// <summary>
    /// The ripples a board showing the earlier placement must draw again to show this one: those now elsewhere (their
    /// sector grew, or the map was laid out afresh), on another ring, or hanging from another parent. New ripples are not among them.
    /// </summary>
    public static IReadOnlySet<Guid> Moved(Placement earlier, Placement now)
    {
        var moved = new HashSet<Guid>();
        foreach (var (id, was) in earlier.Spots)
            if (now.Spots.TryGetValue(id, out var spot) && (spot.X, spot.Y, spot.LabelX, spot.Baseline, spot.Anchor, spot.Ring) != (was.X, was.Y, was.LabelX, was.Baseline, was.Anchor, was.Ring))
                moved.Add(id);
        foreach (var (id, parent) in earlier.Parents)
            if (now.Parents.GetValueOrDefault(id) != parent) moved.Add(id);
        return moved;
    }

    /// <summary>The branches: each ripple's parent and children, rings by order with ripples the focus cannot reach on the outermost.</summary>
    private sealed class Tree
    {
        public Guid Focus;
        public readonly Dictionary<Guid, Guid> Parent = [];
        public readonly Dictionary<Guid, List<Guid>> Children = [];
        public readonly Dictionary<Guid, int> Ring = [];
        public readonly Dictionary<Guid, NodeView> Nodes = [];
        public int Rings;

        public List<Guid> ChildrenOf(Guid id) => Children.TryGetValue(id, out var list) ? list : [];

        public static Tree Of(RippleMapView map)
        {
            var tree = new Tree { Focus = map.Id };
            var deepest = map.Nodes.Select(n => n.Order ?? 0).DefaultIfEmpty(0).Max();
            var unreachableRing = deepest + 1;
            foreach (var node in map.Nodes)
            {
                tree.Nodes[node.Id] = node;
                tree.Ring[node.Id] = node.Order ?? unreachableRing;
            }
            tree.Rings = map.Nodes.Count == 0 ? 0 : map.Nodes.Any(n => n.Order is null) ? unreachableRing : deepest;
            var orderOf = map.Nodes.ToDictionary(n => n.Id, n => n.Order);
            orderOf[map.Id] = 0;
            foreach (var link in map.Links)
            {
                if (link.Status == LinkStatus.Withdrawn || tree.Parent.ContainsKey(link.To)) continue;
                if (orderOf.GetValueOrDefault(link.To) is not { } to || orderOf.GetValueOrDefault(link.From) is not { } from || from != to - 1) continue;
                tree.Parent[link.To] = link.From;
            }
            // Ripples the focus cannot reach hang from the focus on the outermost ring.
            foreach (var node in map.Nodes.Where(n => n.Order is null)) tree.Parent[node.Id] = map.Id;
            foreach (var node in map.Nodes)
            {
                var parent = tree.Parent[node.Id];
                if (!tree.Children.TryGetValue(parent, out var list)) tree.Children[parent] = list = [];
                list.Add(node.Id);
            }
            return tree;
        }
    }

    private static int WithSpare(int need) => need + need / 4;

    private static Placement Fresh(RippleMapView map, Tree tree)
    {
        var runs = new Dictionary<Guid, Run>();
        var top = tree.ChildrenOf(map.Id);
        // Every run keeps a quarter spare; the circle keeps a little for new first-order ripples.
        var lengths = new Dictionary<Guid, int>();
        int Measure(Guid id)
        {
            var children = tree.ChildrenOf(id);
            var own = children.Count == 0 ? 1 : WithSpare(children.Sum(Measure));
            lengths[id] = own;
            return own;
        }
        var used = top.Sum(Measure);
        var slots = Math.Max(8, used + Math.Max(2, used / 8));
        void Assign(Guid id, int start)
        {
            var children = tree.ChildrenOf(id);
            var block = children.Sum(c => lengths[c]);
            runs[id] = new Run(start, lengths[id], start + (children.Count == 0 ? 0.5 : block / 2.0)) { Used = block };
            var at = start;
            foreach (var child in children) { Assign(child, at); at += lengths[child]; }
        }
        var next = 0;
        foreach (var branch in top) { Assign(branch, next); next += lengths[branch]; }
        var root = new Run(0, slots, 0) { Used = used };
        runs[map.Id] = root;
        // The first branch's middle straight above the focus; a small map is turned round the circle to whichever of a few
        // turns fits a projector's screen at the largest size (a large map cannot be read whole there, turned or not). It stays
        // upright unless a turn fits clearly better, so that a map laid out afresh seldom turns.
        var upright = top.Count == 0 ? -Math.PI / 2 : -Math.PI / 2 - runs[top[0]].Centre * 2 * Math.PI / slots;
        var turns = map.Nodes.Count <= TurnedUpTo ? Turns : 1;
        return Enumerable.Range(0, turns).Select(turn =>
            {
                var (spots, radii, boxes, offset) = RingsAround(map, tree, runs, slots, upright + turn * 2 * Math.PI / turns);
                return (Turn: turn, Placement: Finish(map, tree, spots, radii, runs, slots, offset, boxes, generation: 0, reflowed: false));
            })
            .MaxBy(t => ScreenScale(t.Placement) * (t.Turn == 0 ? 1.05 : 1)).Placement;
    }

    /// <summary>
    /// The focus and each ring in turn, every ripple at its run's middle: each ring's radius is the smallest that keeps its
    /// ripples, labels and arrowheads clear of each other and of the rings inside, so a ring is as wide as its most crowded
    /// sector needs, and no wider.
    /// </summary>
    private static (Dictionary<Guid, Spot> Spots, Dictionary<int, double> Radii, BoxGrid Boxes, double Offset) RingsAround(
        RippleMapView map, Tree tree, Dictionary<Guid, Run> runs, int slots, double offset)
    {
        var focus = FocusSpot(map.Focus);
        var boxes = new BoxGrid();
        boxes.Add(focus.Box);
        var spots = new Dictionary<Guid, Spot> { [map.Id] = focus };
        var radii = new Dictionary<int, double>();
        var previous = FocusRadius;
        for (var ring = 1; ring <= tree.Rings; ring++)
        {
            var onRing = map.Nodes.Where(n => tree.Ring[n.Id] == ring).ToList();
            var labels = onRing.Select(n => RippleLabel.Of(n.Label, RippleFont)).ToList();
            // No ring is shorter than its ripples' boxes stacked along it, so the search starts there.
            var stacked = labels.Sum(l => Math.Min(l.Height, l.Width) + 2 * Clearance);
            // Rings at least evenly spaced keep a link to a child steep enough not to cut across the next branch.
            var gap = Math.Max(MinRingGap, radii.GetValueOrDefault(1) * RingSpacing);
            var radius = Math.Max(previous + gap, stacked / (Math.PI * (1 + Aspect)));
            List<Spot> At(double r) => [.. onRing.Select((n, i) => SpotOf(labels[i], ring, r, Angle(runs[n.Id].Centre, slots, offset)))];
            var placed = At(radius);
            if (Clashes(placed, boxes))
            {
                // Widen until clear, then halve the last step a few times: the ring is no wider than its labels need.
                var tight = radius;
                do { tight = radius; radius *= Widen; placed = At(radius); } while (Clashes(placed, boxes));
                for (var i = 0; i < 4; i++)
                {
                    var middle = (tight + radius) / 2;
                    var tried = At(middle);
                    if (Clashes(tried, boxes)) tight = middle; else (radius, placed) = (middle, tried);
                }
            }
            foreach (var spot in placed) boxes.Add(spot.Box);
            for (var i = 0; i < onRing.Count; i++) spots[onRing[i].Id] = placed[i];
            radii[ring] = radius;
            previous = radius;
        }
        return (spots, radii, boxes, offset);
    }

    /// <summary>How large a placement's picture is drawn when fitted to a projector's screen (1 is its own size).</summary>
    public static double ScreenScale(Placement placement)
    {
        var (width, height) = RipplePicture.ViewedSize(placement.Bounds.Union(placement.Legend));
        return Math.Min(Screen.Width / width, Screen.Height / height);
    }

    /// <summary>The earlier placement with the new ripples put where their sectors have room, or null when something must move.</summary>
    private static Placement? Extend(RippleMapView map, Tree tree, Placement earlier)
    {
        if (earlier.FocusText != map.Focus || earlier.Slots == 0) return null;
        foreach (var (id, parent) in earlier.Parents)
            if (!tree.Parent.TryGetValue(id, out var now) || now != parent || tree.Ring[id] != earlier.RingOf[id]) return null;
        if (map.Nodes.Count == earlier.Parents.Count) return earlier;
        var runs = earlier.Runs.ToDictionary(r => r.Key, r => r.Value with { Used = r.Value.Used });
        var spots = new Dictionary<Guid, Spot>(earlier.Spots);
        var radii = new Dictionary<int, double>(earlier.Radii);
        var boxes = new BoxGrid();
        foreach (var spot in spots.Values) boxes.Add(spot.Box);
        var sectors = new Sectors(map.Id, tree, runs, earlier.Slots, earlier.Offset, boxes);
        foreach (var node in map.Nodes)
        {
            if (spots.ContainsKey(node.Id)) continue;
            var ring = tree.Ring[node.Id];
            if (!runs.ContainsKey(tree.Parent[node.Id])) return null;
            var label = RippleLabel.Of(node.Label, RippleFont);
            if (!radii.TryGetValue(ring, out var radius))
            {
                if (ring != radii.Count + 1) return null;
                radii[ring] = radius = sectors.NewRing(label, ring, node.Id, radii);
            }
            if (sectors.Place(node.Id, label, ring, radius) is not { } spot) return null;
            boxes.Add(spot.Box);
            spots[node.Id] = spot;
        }
        return Finish(map, tree, spots, radii, runs, earlier.Slots, earlier.Offset, boxes, earlier.Generation, reflowed: false);
    }

    /// <summary>Finds new ripples a place in their branch's sector, taking spare slots from the runs they fall in.</summary>
    private sealed class Sectors(Guid focus, Tree tree, Dictionary<Guid, Run> runs, int slots, double offset, BoxGrid boxes)
    {
        /// <summary>The new ripple's spot, its run recorded, or null when its sector has no room for it.</summary>
        public Spot? Place(Guid id, RippleLabel label, int ring, double radius)
        {
            var parent = tree.Parent[id];
            var run = runs[parent];
            // Its parent's next slot: spare, or grown into spare room after the run.
            if (run.Used < run.Length || CanGrow(parent))
            {
                var spot = SpotOf(label, ring, radius, Angle(run.Next, slots, offset));
                if (!boxes.Clashes(spot.Box))
                {
                    if (run.Used == run.Length) Grow(parent);
                    Take(id, runs[parent].Next, parent);
                    return spot;
                }
            }
            // The free place on its ring nearest its parent, within the runs of its parent, grandparent and so on up to its
            // branch's: its sector. A new first-order ripple has no sector to look in but the circle's spare slots.
            if (parent == focus) return null;
            var (low, high) = (run.Start, run.End);
            for (var above = parent; ; above = tree.Parent[above])
            {
                var within = runs[above];
                foreach (var centre in Places(within, low, high, run.Centre))
                {
                    var spot = SpotOf(label, ring, radius, Angle(centre, slots, offset));
                    if (boxes.Clashes(spot.Box)) continue;
                    Take(id, centre, null);
                    return spot;
                }
                if (tree.Parent[above] == focus) return null;
                (low, high) = (within.Start, within.End);
            }
        }

        /// <summary>The radius of a ring a new ripple starts: the usual gap outside the last ring, widened until it clears what is drawn.</summary>
        public double NewRing(RippleLabel label, int ring, Guid id, Dictionary<int, double> radii)
        {
            var run = runs[tree.Parent[id]];
            var angle = Angle(run.Used < run.Length ? run.Next : run.Centre, slots, offset);
            var radius = (radii.Count == 0 ? FocusRadius : radii[ring - 1]) + Math.Max(MinRingGap, radii.GetValueOrDefault(1) * RingSpacing);
            for (var tries = 0; boxes.Clashes(SpotOf(label, ring, radius, angle).Box) && tries < 60; tries++) radius *= Widen;
            return radius;
        }

        /// <summary>Half-slot places inside a run but outside the part already looked at, nearest the parent first.</summary>
        private static IEnumerable<double> Places(Run within, double low, double high, double near)
        {
            var places = new List<double>();
            for (var centre = within.Start; centre <= within.End; centre += 0.5)
                if (centre < low || centre > high || within.Start == low && within.End == high) places.Add(centre);
            return places.OrderBy(c => Math.Abs(c - near));
        }

        /// <summary>Whether a run whose slots are all used can take one more from spare room after it, growing its parents' runs as needed.</summary>
        private bool CanGrow(Guid id)
        {
            if (id == focus) return false;
            var (run, outer) = (runs[id], runs[tree.Parent[id]]);
            return run.End == outer.Start + outer.Used && (outer.Used < outer.Length || CanGrow(tree.Parent[id]));
        }

        private void Grow(Guid id)
        {
            var parent = tree.Parent[id];
            if (runs[parent].Used == runs[parent].Length) Grow(parent);
            runs[id] = runs[id] with { Length = runs[id].Length + 1 };
            runs[parent].Used++;
        }

        /// <summary>Records the new ripple's run of one slot at its place, using up its parent's next slot when it took it.</summary>
        private void Take(Guid id, double centre, Guid? fromParent)
        {
            if (fromParent is { } parent) runs[parent].Used++;
            runs[id] = new Run(centre - 0.5, 1, centre);
        }
    }

    private static Placement Finish(RippleMapView map, Tree tree, Dictionary<Guid, Spot> spots, Dictionary<int, double> radii,
        Dictionary<Guid, Run> runs, int slots, double offset, BoxGrid boxes, int generation, bool reflowed)
    {
        var bounds = spots.Values.Select(s => s.Box).Aggregate((a, b) => a.Union(b));
        var names = new List<RingName>();
        var deepest = map.Nodes.Select(n => n.Order ?? 0).DefaultIfEmpty(0).Max();
        foreach (var (ring, radius) in radii.OrderBy(r => r.Key))
        {
            var text = ring > deepest ? "not linked to the focus" : $"order {ring}";
            var inner = ring == 1 ? FocusRadius : radii[ring - 1];
            var name = NameSpot(text, (inner + radius) / 2, boxes, bounds);
            names.Add(new RingName(ring, text, name.X, name.Y));
            boxes.Add(name.Box);
            bounds = bounds.Union(name.Box);
        }
        var legend = LegendSpot(bounds, boxes, radii.Count == 0 ? FocusRadius : radii.Values.Max());
        var positions = spots.Where(s => s.Key != map.Id).ToDictionary(s => s.Key, s => (s.Value.X, s.Value.Y));
        positions[map.Id] = (0, 0);
        var rings = radii.OrderBy(r => r.Key).Select(r => new Ring(r.Key > deepest ? int.MaxValue : r.Key, r.Value)).ToList();
        return new Placement(positions, rings, radii.Count == 0 ? FocusRadius : radii.Values.Max())
        {
            Spots = spots, RingNames = names, Bounds = bounds, Legend = legend, Generation = generation, Reflowed = reflowed,
            Runs = runs, Parents = new Dictionary<Guid, Guid>(tree.Parent), RingOf = new Dictionary<Guid, int>(tree.Ring),
            Slots = slots, Offset = offset, Radii = radii, FocusText = map.Focus
        };
    }

    /// <summary>
    /// The legend in a corner of the map's bounds, outside the outermost ring (so no link runs under it: links stay inside
    /// the rings) and clear of every label, so that it takes no room of its own; else to the left of the map.
    /// </summary>
    private static Box LegendSpot(Box bounds, BoxGrid boxes, double outermost)
    {
        var (w, h) = RipplePicture.LegendSize;
        static bool Outside(double x, double y, double radius) => Math.Pow(x / (radius * Aspect), 2) + Math.Pow(y / radius, 2) > 1;
        foreach (var corner in new[]
                 {
                     new Box(bounds.Left, bounds.Top, bounds.Left + w, bounds.Top + h), new Box(bounds.Left, bounds.Bottom - h, bounds.Left + w, bounds.Bottom),
                     new Box(bounds.Right - w, bounds.Top, bounds.Right, bounds.Top + h), new Box(bounds.Right - w, bounds.Bottom - h, bounds.Right, bounds.Bottom)
                 })
        {
            // The corner of the legend nearest the focus, when the legend lies wholly on one side of it in both directions.
            var x = corner.Right < 0 ? corner.Right : corner.Left > 0 ? corner.Left : double.NaN;
            var y = corner.Bottom < 0 ? corner.Bottom : corner.Top > 0 ? corner.Top : double.NaN;
            if (!double.IsNaN(x) && !double.IsNaN(y) && Outside(x, y, outermost) && !boxes.Clashes(corner)) return corner;
        }
        return new Box(bounds.Left - w - LegendGap, bounds.Top, bounds.Left - LegendGap, bounds.Top + h);
    }

    private static double Angle(double slot, int slots, double offset) => offset + slot * 2 * Math.PI / slots;

    private static bool Clashes(List<Spot> spots, BoxGrid placed)
    {
        var ring = new BoxGrid();
        foreach (var spot in spots)
        {
            if (placed.Clashes(spot.Box) || ring.Clashes(spot.Box)) return true;
            ring.Add(spot.Box);
        }
        return false;
    }

    private static Spot FocusSpot(string focus)
    {
        var label = RippleLabel.Of(focus, FocusFont, FocusLine);
        var top = FocusRadius + LabelGap;
        var half = Math.Max(label.Width / 2, FocusRadius);
        return new Spot(0, 0, -Math.PI / 2, 0, label, 0, top + 0.95 * FocusFont, "middle",
            new Box(-half, -FocusRadius, half, top + label.Height));
    }

    /// <summary>A ripple on its ring with its label outwards: beside it on the left and right, above it at the top, below at the bottom.</summary>
    private static Spot SpotOf(RippleLabel label, int ring, double radius, double angle)
    {
        var (x, y) = OnRing(radius, angle);
        var arrows = new Box(x - ArrowRoom, y - ArrowRoom, x + ArrowRoom, y + ArrowRoom);
        var spot = LabelledSpot(label, ring, x, y, angle);
        return spot with { Box = spot.Box.Union(arrows) };
    }

    private static Spot LabelledSpot(RippleLabel label, int ring, double x, double y, double angle)
    {
        var (w, h) = (label.Width, label.Height);
        var cos = Math.Cos(angle);
        if (Math.Abs(cos) >= SideLabels)
        {
            var top = y - h / 2;
            var box = cos > 0
                ? new Box(x - NodeRadius, Math.Min(top, y - NodeRadius), x + NodeRadius + LabelGap + w, Math.Max(top + h, y + NodeRadius))
                : new Box(x - NodeRadius - LabelGap - w, Math.Min(top, y - NodeRadius), x + NodeRadius, Math.Max(top + h, y + NodeRadius));
            return new Spot(x, y, angle, ring, label, cos > 0 ? x + NodeRadius + LabelGap : x - NodeRadius - LabelGap, top + 0.95 * RippleFont,
                cos > 0 ? "start" : "end", box);
        }
        var half = Math.Max(w / 2, NodeRadius);
        if (Math.Sin(angle) < 0)
        {
            var top = y - NodeRadius - LabelGap - h;
            return new Spot(x, y, angle, ring, label, x, top + 0.95 * RippleFont, "middle", new Box(x - half, top, x + half, y + NodeRadius));
        }
        var below = y + NodeRadius + LabelGap;
        return new Spot(x, y, angle, ring, label, x, below + 0.95 * RippleFont, "middle", new Box(x - half, y - NodeRadius, x + half, below + h));
    }

    /// <summary>
    /// A ring's name in the gap inside the ring, at the first angle from the top where it covers nothing and keeps within the
    /// ripples' bounds (a name that widened the picture would make it smaller on the screen), else where it first covers nothing.
    /// </summary>
    private static (double X, double Y, Box Box) NameSpot(string text, double radius, BoxGrid boxes, Box within)
    {
        var width = RippleLabel.WidthOf(text, RingNameFont);
        (double X, double Y, Box Box)? free = null;
        for (var step = 0; step <= 36; step++)
            foreach (var sign in step == 0 ? [1] : new[] { 1, -1 })
            {
                var angle = -Math.PI / 2 + sign * step * Math.PI / 36;
                var (x, y) = OnRing(radius, angle);
                var box = new Box(x - width / 2, y - 0.95 * RingNameFont, x + width / 2, y + 0.25 * RingNameFont);
                if (boxes.Clashes(box)) continue;
                if (within.Union(box) == within) return (x, y, box);
                free ??= (x, y, box);
            }
        if (free is { } first) return first;
        var above = new Box(-width / 2, -radius - RingNameFont, width / 2, -radius);
        return (0, above.Bottom - 0.25 * RingNameFont, above);
    }

    /// <summary>Boxes bucketed by area, so a clash check looks at a few neighbours only.</summary>
    internal sealed class BoxGrid
    {
        private const double Cell = 160;
        private readonly Dictionary<(int, int), List<Box>> _cells = [];

        public void Add(Box box)
        {
            foreach (var key in Cells(box))
            {
                if (!_cells.TryGetValue(key, out var list)) _cells[key] = list = [];
                list.Add(box);
            }
        }

        public bool Clashes(Box box)
        {
            foreach (var key in Cells(box))
                if (_cells.TryGetValue(key, out var list) && list.Exists(b => b.Overlaps(box, Clearance)))
                    return true;
            return false;
        }

        private static IEnumerable<(int, int)> Cells(Box box)
        {
            for (var x = (int)Math.Floor((box.Left - Clearance) / Cell); x <= (int)Math.Floor((box.Right + Clearance) / Cell); x++)
                for (var y = (int)Math.Floor((box.Top - Clearance) / Cell); y <= (int)Math.Floor((box.Bottom + Clearance) / Cell); y++)
                    yield return (x, y);
        }
    }
}
