namespace ImpactJournal.Stories.Patterns;

/// <summary>
/// What a commissioner's pattern may show (API.md contract v1.2): a dot is a person's story, so a group of fewer than
/// five stories shows "&lt;5" and nothing drawn; and no count may give a withheld one back. A group is therefore also
/// withheld when a wider group the reader can ask for (the same filters with some left out) holds one to four stories
/// more, because the difference of the two would be a small group's count. Within a group that is shown, a choice's
/// count of one to four reads "&lt;5" (it is the count of the group filtered by that answer), and when only one count of
/// a choice is small the next smallest reads "withheld", so the group's total does not give it back.
/// </summary>
public static class PatternDisclosure
{
    public const int Fewest = 5;
    public const string Few = "<5";
    public const string Withheld = "withheld";

    public static bool IsSmall(int count) => count is > 0 and < Fewest;

    /// <summary>Whether a group of <paramref name="group"/> stories may be shown beside the wider groups' counts.</summary>
    public static bool Shows(int group, IEnumerable<int> wider) =>
        group >= Fewest && wider.All(w => w == group || w - group >= Fewest);

    /// <summary>Every wider group of a filter: its parts with one or more left out (the whole alliance's stories included).</summary>
    public static IReadOnlyList<PatternFilter> WiderGroups(PatternFilter filter)
    {
        var parts = filter.Parts;
        var wider = new List<PatternFilter>();
        for (var kept = 0; kept < (1 << parts.Count) - 1; kept++)
            wider.Add(filter.Keeping(parts.Where((_, i) => (kept & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal)));
        return wider;
    }

    /// <summary>A choice's counts as a commissioner may see them: exact, "&lt;5", or "withheld" where it would give a "&lt;5" back.</summary>
    public static IReadOnlyList<object> Cells(IReadOnlyList<int> counts)
    {
        var cells = counts.Select(c => IsSmall(c) ? Few : (object)c).ToArray();
        if (counts.Count(IsSmall) == 1)
        {
            var next = Enumerable.Range(0, counts.Count).Where(i => counts[i] >= Fewest).OrderBy(i => counts[i]).FirstOrDefault(-1);
            if (next >= 0) cells[next] = Withheld;
        }
        return cells;
    }
}
