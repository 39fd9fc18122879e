using ImpactJournal.Journal;

namespace ImpactJournal.Codebook;

/// <summary>
/// One kind of record a theme's page counts (observations or stories), as the viewer may see its numbers. For
/// commissioners (API.md, contract v1.2 — disclosure control):
/// <list type="bullet">
/// <item>a theme whose count the codebook hides ("&lt;5" or "withheld") shows no number of its weeks nor of the themes found
/// with it: every one reads "withheld" (zeros too), since they would add up to, or bound, the count hidden;</item>
/// <item>a theme whose count is shown has its weeks suppressed against that count, and where even hiding every week would
/// not do (two weeks of 4 in a count of 8 read back as 4 each), every week that has any reads "withheld";</item>
/// <item>a number found with another theme is the same on both themes' pages: hidden on one, hidden on both, and
/// "withheld" when either theme's count is hidden.</item>
/// </list>
/// </summary>
public sealed class ThemeNumbers<T>(AllianceCodebook codebook, IReadOnlyCollection<T> facts, Func<T, IEnumerable<string>> themesOf,
    Func<IEnumerable<T>, CountCell> cellOf, Func<string, object> shownCountOf, bool commissioner)
{
    private readonly Dictionary<string, List<T>> byTheme = ThemeCounts.ByTheme(codebook, facts, themesOf);
    private readonly Dictionary<string, IReadOnlyDictionary<string, object>> togetherRows = [];

    private List<T> Of(string theme) => byTheme.GetValueOrDefault(theme) ?? [];

    private bool CountShown(string theme) => shownCountOf(theme) is int;

    /// <summary>The theme's records in each week, as the viewer may see them; <paramref name="weekOf"/> gives a record's Monday.</summary>
    public IReadOnlyList<object> Weeks(string theme, IReadOnlyList<DateOnly> weeks, Func<T, DateOnly> weekOf)
    {
        var records = Of(theme);
        var cells = weeks.Select(w => cellOf(records.Where(f => weekOf(f) == w))).ToList();
        if (!commissioner) return [.. cells.Select(c => (object)c.Count)];
        if (!CountShown(theme)) return [.. cells.Select(_ => (object)SmallNumbers.Withheld)];
        var row = SmallNumbers.ShowRow(cellOf(records), cells, commissionerView: true);
        return row.Total is int ? row.Cells : [.. cells.Select(c => c.Count == 0 ? 0 : (object)SmallNumbers.Withheld)];
    }

    /// <summary>How many of the theme's records carry the other theme too, as the viewer may see it (the same on both themes' pages).</summary>
    public object Together(string theme, string other)
    {
        var count = Of(theme).Where(f => Carries(f, other)).Sum(f => cellOf([f]).Count);
        if (!commissioner) return count;
        if (!CountShown(theme) || !CountShown(other)) return SmallNumbers.Withheld;
        var here = TogetherRow(theme).GetValueOrDefault(other, 0);
        var there = TogetherRow(other).GetValueOrDefault(theme, 0);
        return here is int ? there : here;
    }

    private bool Carries(T fact, string theme) => codebook.CurrentNamesOf(themesOf(fact)).Contains(theme);

    /// <summary>The theme's row of themes found with it, suppressed as if its cells added up to the theme's count (the safe side).</summary>
    private IReadOnlyDictionary<string, object> TogetherRow(string theme)
    {
        if (togetherRows.TryGetValue(theme, out var known)) return known;
        var records = Of(theme);
        var others = records.SelectMany(f => codebook.CurrentNamesOf(themesOf(f))).Where(t => t != theme).Distinct().ToList();
        var row = SmallNumbers.ShowRow(cellOf(records), [.. others.Select(o => cellOf(records.Where(f => Carries(f, o))))], commissionerView: true);
        return togetherRows[theme] = others.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => row.Cells[x.i]);
    }
}
