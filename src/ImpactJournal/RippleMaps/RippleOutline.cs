using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// One part of a map as the projector shows it to a room: one branch (a first-order ripple and everything that
/// hangs from it) or one capital (the ripples coded with it). The part is drawn as a mind map's outline: the focus
/// on top, each ripple on a row of its own, indented under the ripple it hangs from, with a line from that ripple
/// to it. The rows flow into as many columns as make the part largest on a wide screen, so a branch of forty
/// ripples is read whole at 24 px or more with nothing overlapping. Ripples hang as in <see cref="RippleLayout"/>
/// and come in the order they sit round the circle, so the part reads like its sector of the whole map.
/// </summary>
public static class RippleOutline
{
    private const double Indent = 36;
    private const double RowGap = 6;
    private const double ColumnGap = 40;
    private const double LabelGap = 6;
    // How long a label's lines may grow (in characters): longer lines make rows fewer and columns wider.
    private static readonly int[] LineLengths = [20, 26, 32, 40];
    /// <summary>The shape of the space the projector gives the picture (1920 × 1080 less its heading).</summary>
    private const double ScreenAspect = 1900.0 / 930;

    /// <summary>A ripple on its row: its spot (where RipplePicture draws it), how deep it hangs, and the row it hangs from.</summary>
    public sealed record Row(Guid Id, RippleLayout.Spot Spot, int Depth, int Column, Guid? HangsFrom, bool Directly);

    public sealed record Outline(RippleLayout.Spot Focus, IReadOnlyList<Row> Rows, RippleLayout.Box Bounds, string Key)
    {
        public bool IsEmpty => Rows.Count == 0;
    }

    /// <summary>The first-order ripples in the order they sit round the circle, clockwise from the top.</summary>
    public static IReadOnlyList<Guid> Branches(RippleMapView map, RippleLayout.Placement layout) =>
        [.. map.Nodes.Where(n => n.Order == 1).OrderBy(n => layout.Runs.TryGetValue(n.Id, out var run) ? run.Start : int.MaxValue).Select(n => n.Id)];

    /// <summary>A branch: the first-order ripple and all that hangs from it. Empty when the ripple heads no branch.</summary>
    public static Outline Branch(RippleMapView map, RippleLayout.Placement layout, Guid head)
    {
        var children = ChildrenOf(layout);
        var rows = new List<(Guid Id, int Depth, Guid? From, bool Directly)>();
        void Visit(Guid id, int depth)
        {
            rows.Add((id, depth, layout.Parents.GetValueOrDefault(id), true));
            foreach (var child in children[id]) Visit(child, depth + 1);
        }
        if (map.Nodes.Any(n => n.Id == head && n.Order == 1)) Visit(head, 1);
        return Lay(map, rows, $"branch {head}");
    }

    /// <summary>The ripples coded with a capital, each under the nearest ripple above it that has the capital too.</summary>
    public static Outline Capital(RippleMapView map, RippleLayout.Placement layout, CommunityCapital capital)
    {
        var children = ChildrenOf(layout);
        var coded = map.Nodes.Where(n => n.Capitals.Contains(capital)).Select(n => n.Id).ToHashSet();
        var rows = new List<(Guid Id, int Depth, Guid? From, bool Directly)>();
        var seen = new HashSet<Guid>();
        void Visit(Guid id, int depth, Guid above, bool directly)
        {
            if (!seen.Add(id)) return;
            if (coded.Contains(id)) rows.Add((id, depth, above, directly));
            var (nextDepth, nextAbove) = coded.Contains(id) ? (depth + 1, id) : (depth, above);
            foreach (var child in children[id]) Visit(child, nextDepth, nextAbove, coded.Contains(id) || (directly && id == map.Id));
        }
        Visit(map.Id, 1, map.Id, true);
        return Lay(map, rows, $"capital {capital}");
    }

    private static ILookup<Guid, Guid> ChildrenOf(RippleLayout.Placement layout) =>
        layout.Parents.OrderBy(p => layout.Runs.TryGetValue(p.Key, out var run) ? run.Start : int.MaxValue).ThenBy(p => p.Key)
            .ToLookup(p => p.Value, p => p.Key);

    private static Outline Lay(RippleMapView map, List<(Guid Id, int Depth, Guid? From, bool Directly)> rows, string key)
    {
        var nodes = map.Nodes.ToDictionary(n => n.Id);
        var focusLabel = RippleLabel.Of(map.Focus, RippleLayout.FocusFont);
        var focusHeight = Math.Max(2 * RippleLayout.FocusRadius, focusLabel.Height) + RowGap;

        // The line length and number of columns that let the part be drawn largest in the screen's shape.
        var best = (Scale: 0.0, Breaks: new List<int>(), Labels: new List<RippleLabel>(), Heights: new List<double>(), Widths: new List<double>());
        foreach (var lineLength in LineLengths)
        {
            var labels = rows.Select(r => RippleLabel.Of(nodes[r.Id].Label, RippleLayout.RippleFont, lineLength)).ToList();
            var heights = labels.Select(l => Math.Max(2 * RippleLayout.NodeRadius + 4, l.Height) + RowGap).ToList();
            var widths = rows.Select((r, i) => r.Depth * Indent + 2 * RippleLayout.NodeRadius + LabelGap + labels[i].Width).ToList();
            for (var columns = 1; columns <= Math.Max(1, Math.Min(rows.Count, 8)); columns++)
            {
                var breaks = Columns(heights, focusHeight, columns);
                var (width, height) = Size(breaks, heights, widths, focusHeight, focusLabel);
                var scale = Math.Min(ScreenAspect / width, 1 / height);
                if (scale > best.Scale) best = (scale, breaks, labels, heights, widths);
            }
        }
        var (_, _, chosen, rowHeights, rowWidths) = best;

        var spots = new List<Row>();
        var (left, top, columnWidth, column) = (0.0, focusHeight, 0.0, 0);
        var focusWidth = 2 * RippleLayout.FocusRadius + LabelGap + focusLabel.Width;
        var focus = new RippleLayout.Spot(RippleLayout.FocusRadius, RippleLayout.FocusRadius, 0, 0, focusLabel,
            2 * RippleLayout.FocusRadius + LabelGap, 0.95 * RippleLayout.FocusFont, "start",
            new RippleLayout.Box(0, 0, focusWidth, focusHeight - RowGap));
        var bounds = focus.Box;
        columnWidth = focusWidth;
        for (var i = 0; i < rows.Count; i++)
        {
            if (column + 1 < best.Breaks.Count && i == best.Breaks[column + 1])
            {
                column++;
                (left, top, columnWidth) = (left + columnWidth + ColumnGap, 0, 0);
            }
            var (id, depth, from, directly) = rows[i];
            var x = left + depth * Indent + RippleLayout.NodeRadius;
            var y = top + Math.Min(0.6 * RippleLayout.RippleFont, chosen[i].Height / 2) + 2;
            var labelX = x + RippleLayout.NodeRadius + LabelGap;
            var box = new RippleLayout.Box(x - RippleLayout.NodeRadius, top, labelX + chosen[i].Width, top + rowHeights[i] - RowGap);
            spots.Add(new Row(id, new RippleLayout.Spot(x, y, 0, depth, chosen[i], labelX, y + 0.35 * RippleLayout.RippleFont, "start", box), depth, column, from, directly));
            bounds = bounds.Union(box);
            columnWidth = Math.Max(columnWidth, rowWidths[i]);
            top += rowHeights[i];
        }
        return new Outline(focus, spots, bounds, key);
    }

    /// <summary>Where each column starts (row indices), filling columns in turn to about an equal height; the focus heads the first.</summary>
    private static List<int> Columns(List<double> heights, double focusHeight, int columns)
    {
        var target = (heights.Sum() + focusHeight) / columns;
        var breaks = new List<int> { 0 };
        var filled = focusHeight;
        for (var i = 0; i < heights.Count; i++)
        {
            if (filled > 0 && filled + heights[i] / 2 > target && breaks.Count < columns)
            {
                breaks.Add(i);
                filled = 0;
            }
            filled += heights[i];
        }
        return breaks;
    }

    private static (double Width, double Height) Size(List<int> breaks, List<double> heights, List<double> widths, double focusHeight, RippleLabel focus)
    {
        var (width, height) = (0.0, 0.0);
        for (var c = 0; c < breaks.Count; c++)
        {
            var end = c + 1 < breaks.Count ? breaks[c + 1] : heights.Count;
            var columnHeight = (c == 0 ? focusHeight : 0) + heights.Skip(breaks[c]).Take(end - breaks[c]).Sum();
            var columnWidth = Math.Max(c == 0 ? 2 * RippleLayout.FocusRadius + LabelGap + focus.Width : 0, widths.Skip(breaks[c]).Take(end - breaks[c]).DefaultIfEmpty(0).Max());
            width += columnWidth + (c > 0 ? ColumnGap : 0);
            height = Math.Max(height, columnHeight);
        }
        return (width, height);
    }
}
