namespace ImpactJournal.Journal;

/// <summary>A count and whether any of what it counts could identify someone.</summary>
public readonly record struct CountCell(int Count, bool Identifiable);

/// <summary>A row of counts as a commissioner may see it: each cell and the row's total, a number or a marker.</summary>
public sealed record ShownRow(object Total, IReadOnlyList<object> Cells);

/// <summary>
/// Small-number suppression for commissioner views. A count below 5 that includes identifiable
/// content reads "&lt;5" (primary suppression). Because a row's cells add up to its total, one
/// hidden cell could be recovered by subtraction, so further cells (the smallest first, then the
/// total itself) read "withheld" until no hidden cell is pinned to a single value by the total
/// and the cells still shown (secondary suppression). Other views show every count.
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 5;
    public const string Suppressed = "<5";
    public const string Withheld = "withheld";

    private enum Hidden { No, Primary, Secondary }

    /// <summary>One count on its own: the number, or "&lt;5".</summary>
    public static object Show(int count, bool includesIdentifiable, bool commissionerView) =>
        commissionerView && IsPrimary(new CountCell(count, includesIdentifiable)) ? Suppressed : count;

    /// <summary>
    /// A row whose cells sum to the total. Treat the total as known even where a view does not
    /// print it (it can be learned elsewhere), so that the cells alone are safe.
    /// </summary>
    public static ShownRow ShowRow(CountCell total, IReadOnlyList<CountCell> cells, bool commissionerView)
    {
        if (!commissionerView) return new ShownRow(total.Count, [.. cells.Select(c => (object)c.Count)]);

        var hidden = cells.Select(c => IsPrimary(c) ? Hidden.Primary : Hidden.No).ToArray();
        var totalHidden = IsPrimary(total) ? Hidden.Primary : Hidden.No;
        if (totalHidden != Hidden.No)
        {
            // A small total bounds every cell: hide them all, nothing is left to subtract from.
            for (var i = 0; i < cells.Count; i++)
                if (hidden[i] == Hidden.No && cells[i].Count > 0) hidden[i] = Hidden.Secondary;
        }
        else
        {
            while (hidden.Contains(Hidden.Primary) && Recoverable(total.Count, cells, hidden))
            {
                var next = Enumerable.Range(0, cells.Count).Where(i => hidden[i] == Hidden.No && cells[i].Count > 0)
                    .OrderBy(i => cells[i].Count).DefaultIfEmpty(-1).First();
                if (next < 0) { totalHidden = Hidden.Secondary; break; }
                hidden[next] = Hidden.Secondary;
            }
        }
        return new ShownRow(Marked(total.Count, totalHidden), [.. cells.Select((c, i) => Marked(c.Count, hidden[i]))]);
    }

    /// <summary>
    /// Whether the total and the shown cells pin any hidden cell to one value, knowing that "&lt;5"
    /// means 1–4, and "withheld" means at least 1 and (the smallest shown being withheld first) at
    /// most the smallest count still shown. One linear equation: each cell's feasible range is exact.
    /// </summary>
    public static bool Recoverable(int total, IReadOnlyList<CountCell> cells, IReadOnlyList<object> shown)
    {
        var hidden = shown.Select(s => s switch { Suppressed => Hidden.Primary, Withheld => Hidden.Secondary, _ => Hidden.No }).ToArray();
        return Recoverable(total, cells, hidden);
    }

    private static bool Recoverable(int total, IReadOnlyList<CountCell> cells, IReadOnlyList<Hidden> hidden)
    {
        var rest = total - cells.Where((_, i) => hidden[i] == Hidden.No).Sum(c => c.Count);
        var smallestShown = cells.Where((c, i) => hidden[i] == Hidden.No && c.Count > 0).Select(c => c.Count).DefaultIfEmpty(rest).Min();
        var bounds = hidden.Select(h => h switch
        {
            Hidden.Primary => (Low: 1, High: Threshold - 1),
            Hidden.Secondary => (Low: 1, High: Math.Max(1, Math.Min(rest, smallestShown))),
            _ => (Low: 0, High: 0)
        }).ToArray();
        var hiddenCells = Enumerable.Range(0, cells.Count).Where(i => hidden[i] != Hidden.No).ToList();
        var lowSum = hiddenCells.Sum(i => bounds[i].Low);
        var highSum = hiddenCells.Sum(i => (long)bounds[i].High);
        return hiddenCells.Any(i =>
        {
            var low = Math.Max(bounds[i].Low, rest - (highSum - bounds[i].High));
            var high = Math.Min(bounds[i].High, rest - (lowSum - bounds[i].Low));
            return low >= high;
        });
    }

    private static bool IsPrimary(CountCell cell) => cell.Identifiable && cell.Count is > 0 and < Threshold;

    private static object Marked(int count, Hidden hidden) => hidden switch
    {
        Hidden.Primary => Suppressed,
        Hidden.Secondary => Withheld,
        _ => count
    };
}

/// <summary>What the reading member may see: their role decides consent and suppression.</summary>
public sealed record Viewer(Access.AllianceRole Role, DateOnly Today)
{
    public bool IsCommissioner => Role == Access.AllianceRole.Commissioner;
}
