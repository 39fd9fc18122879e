using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Codebook;

/// <summary>
/// A theme of the codebook with its counts. <c>observations</c> and <c>stories</c> (and so <c>total</c>) may read "&lt;5"
/// or "withheld" for commissioners; ripples carry no one's consent and are counted as they are.
/// </summary>
public sealed record ThemeEntry(string Name, string? Description, IReadOnlyList<string> FormerNames, object Observations, object Stories,
    int Ripples, object Total);

/// <summary>The alliance's codebook as the reader may see it: every theme (by name), and every rename and merge, oldest first.</summary>
public sealed record CodebookView(long Version, IReadOnlyList<ThemeEntry> Themes, IReadOnlyList<CodebookChange> Changes)
{
    public static CodebookView Build(AllianceCodebook codebook, CodebookFacts facts, Viewer viewer)
    {
        var counts = ThemeCounts.Of(codebook, facts, viewer);
        var shown = new ShownNames(codebook, facts);
        var names = counts.Keys.Concat(shown.Described).Distinct().Order(StringComparer.Ordinal);
        return new CodebookView(codebook.Version,
            [.. names.Select(name => ThemeCounts.Entry(shown, name, counts.GetValueOrDefault(name)))], shown.Changes);
    }
}

/// <summary>How often each current theme occurs: observations and stories shown as the viewer may see them, ripples as they are.</summary>
public sealed record ThemeCount(object Observations, object Stories, int Ripples)
{
    public static readonly ThemeCount None = new(0, 0, 0);

    /// <summary>All three together, withheld when observations or stories are (the total would give them back).</summary>
    public object Total => Observations is int observations && Stories is int stories ? observations + stories + Ripples : SmallNumbers.Withheld;
}

public static class ThemeCounts
{
    public static IReadOnlyDictionary<string, ThemeCount> Of(AllianceCodebook codebook, CodebookFacts facts, Viewer viewer)
    {
        var observations = ByTheme(codebook, facts.Observations, f => f.Themes);
        var stories = ByTheme(codebook, facts.Stories, f => f.Themes);
        var ripples = RipplesByTheme(codebook, facts.Maps);
        var names = observations.Keys.Concat(stories.Keys).Concat(ripples.Keys).Distinct().ToList();
        // Themes overlap, so they need not add up to the total; suppressing as if they did is the safe side (as review summaries do).
        var shownObservations = facts.Observations.ShownRow([.. names.Select(n => observations.GetValueOrDefault(n, []))], viewer);
        var shownStories = facts.Stories.ShownRow([.. names.Select(n => stories.GetValueOrDefault(n, []))], viewer);
        return names.Select((n, i) => (n, Count: new ThemeCount(shownObservations.Cells[i], shownStories.Cells[i], ripples.GetValueOrDefault(n)?.Count ?? 0)))
            .ToDictionary(x => x.n, x => x.Count);
    }

    public static ThemeEntry Entry(ShownNames shown, string name, ThemeCount? count)
    {
        count ??= ThemeCount.None;
        return new ThemeEntry(name, shown.DescriptionOf(name), shown.FormerNamesOf(name), count.Observations, count.Stories, count.Ripples, count.Total);
    }

    /// <summary>The observation or story facts under each current theme name (a fact coded "homes" and "housing" counts once under "housing" once merged).</summary>
    public static Dictionary<string, List<T>> ByTheme<T>(AllianceCodebook codebook, IEnumerable<T> facts, Func<T, IEnumerable<string>> themesOf)
    {
        var byTheme = new Dictionary<string, List<T>>();
        foreach (var fact in facts)
            foreach (var theme in codebook.CurrentNamesOf(themesOf(fact)))
            {
                if (!byTheme.TryGetValue(theme, out var list)) byTheme[theme] = list = [];
                list.Add(fact);
            }
        return byTheme;
    }

    /// <summary>The ripples under each current theme name, with the map each is on.</summary>
    public static Dictionary<string, List<(Guid MapId, RippleFacts.Ripple Ripple)>> RipplesByTheme(AllianceCodebook codebook, IEnumerable<RippleFacts> maps)
    {
        var byTheme = new Dictionary<string, List<(Guid, RippleFacts.Ripple)>>();
        foreach (var map in maps)
            foreach (var ripple in map.Ripples)
                foreach (var theme in codebook.CurrentNamesOf(ripple.Themes))
                {
                    if (!byTheme.TryGetValue(theme, out var list)) byTheme[theme] = list = [];
                    list.Add((map.MapId, ripple));
                }
        return byTheme;
    }
}
