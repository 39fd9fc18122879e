using CsCheck;
using ImpactJournal.Journal;
using Xunit;

namespace ImpactJournal.Tests.Journal;

/// <summary>
/// Generated rows of counts with their total: whatever is hidden, nobody can work it out from the
/// total and the counts shown. Checked by brute force: every value each hidden cell could take,
/// given what a reader knows ("&lt;5" is 1–4, "withheld" at least 1 and at most the smallest shown).
/// </summary>
public sealed class when_suppressing_small_numbers
{
    private static readonly Gen<CountCell> Cell = Gen.Select(Gen.Int[0, 12], Gen.Bool, (count, identifiable) => new CountCell(count, identifiable));

    [Fact]
    public void no_hidden_cell_is_recoverable_from_the_sums_shown() =>
        Cell.Array[1, 7].Sample(cells =>
        {
            var total = new CountCell(cells.Sum(c => c.Count), cells.Any(c => c.Identifiable && c.Count > 0));
            var shown = SmallNumbers.ShowRow(total, cells, commissionerView: true);
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].Identifiable && cells[i].Count is > 0 and < 5) Assert.Equal("<5", shown.Cells[i]);
                else if (shown.Cells[i] is int n) Assert.Equal(cells[i].Count, n);
            }
            if (shown.Total is int t) Assert.Equal(total.Count, t);
            Assert.True(EveryHiddenCellHasTwoPossibleValues(shown), string.Join(",", cells.Select(c => $"{c.Count}{(c.Identifiable ? "i" : "")}")));
        }, iter: 5000);

    [Fact]
    public void the_reviewers_example_hides_a_second_cell()
    {
        var shown = SmallNumbers.ShowRow(new CountCell(9, true), [new CountCell(6, false), new CountCell(3, true)], commissionerView: true);
        Assert.Equal("<5", shown.Cells[1]);
        Assert.True(shown.Cells[0] is SmallNumbers.Withheld || shown.Total is SmallNumbers.Withheld);
    }

    [Fact]
    public void other_roles_see_every_count() =>
        Assert.Equal([6, 3], SmallNumbers.ShowRow(new CountCell(9, true), [new CountCell(6, false), new CountCell(3, true)], false).Cells);

    /// <summary>Enumerates every assignment of the hidden cells consistent with what is shown.</summary>
    private static bool EveryHiddenCellHasTwoPossibleValues(ShownRow shown)
    {
        var hidden = Enumerable.Range(0, shown.Cells.Count).Where(i => shown.Cells[i] is string).ToList();
        if (hidden.Count == 0 || shown.Total is not int total) return true;
        var rest = total - shown.Cells.OfType<int>().Sum();
        var smallestShown = shown.Cells.OfType<int>().Where(c => c > 0).DefaultIfEmpty(rest).Min();
        var ranges = hidden.Select(i => shown.Cells[i] is "<5" ? (Low: 1, High: 4) : (Low: 1, High: Math.Max(1, Math.Min(rest, smallestShown)))).ToList();
        var possible = hidden.Select(_ => new HashSet<int>()).ToList();
        var values = new int[hidden.Count];
        void Assign(int k, int sum)
        {
            if (k == hidden.Count)
            {
                if (sum == rest) for (var j = 0; j < k; j++) possible[j].Add(values[j]);
                return;
            }
            for (var v = ranges[k].Low; v <= ranges[k].High && sum + v <= rest; v++)
            {
                values[k] = v;
                Assign(k + 1, sum + v);
            }
        }
        Assign(0, 0);
        return possible.All(p => p.Count >= 2);
    }
}
