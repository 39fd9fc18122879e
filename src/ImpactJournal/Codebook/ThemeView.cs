using ImpactJournal.Journal;

namespace ImpactJournal.Codebook;

/// <summary>One week of a theme: observations and stories (either may read "&lt;5" or "withheld" for commissioners) and ripples.</summary>
public sealed record ThemeWeek(DateOnly Week, object Observations, object Stories, int Ripples);

/// <summary>Another theme found on the same records: how many observations, stories and ripples carry both.</summary>
public sealed record ThemeTogether(string Theme, object Observations, object Stories, int Ripples);

/// <summary>A record coded with the theme that the reader may read: an observation's words, a story's title, or a ripple's label and map.</summary>
public sealed record ThemeExample(string Kind, Guid Id, Guid? MapId, string Text, DateOnly On);

/// <summary>
/// One theme of the codebook: its counts, its weekly trend, the themes that occur with it and examples the reader may
/// read. For commissioners a small count reads "&lt;5" (and weeks or themes that would give it back "withheld"), and a
/// theme with fewer than 5 observations (or stories) shows no observation (or story) as an example.
/// </summary>
public sealed record ThemeView(
    ThemeEntry Theme,
    IReadOnlyList<ThemeWeek> Weeks,
    IReadOnlyList<ThemeTogether> Together,
    IReadOnlyList<ThemeExample> Examples)
{
    public const int WeeksShown = 26;
    public const int ExamplesShown = 5;

    /// <summary>
    /// The theme as the viewer may see it; <paramref name="observationExamples"/> and <paramref name="storyExamples"/> the
    /// newest readable observations and stories coded with it.
    /// </summary>
    public static ThemeView Build(AllianceCodebook codebook, string name, CodebookFacts facts, Viewer viewer,
        IReadOnlyList<ThemeExample> observationExamples, IReadOnlyList<ThemeExample> storyExamples)
    {
        var counts = ThemeCounts.Of(codebook, facts, viewer);
        var entry = ThemeCounts.Entry(new ShownNames(codebook, facts), name, counts.GetValueOrDefault(name));
        var observations = ThemeCounts.ByTheme(codebook, facts.Observations, f => f.Themes).GetValueOrDefault(name) ?? [];
        var stories = ThemeCounts.ByTheme(codebook, facts.Stories, f => f.Themes).GetValueOrDefault(name) ?? [];
        var ripples = ThemeCounts.RipplesByTheme(codebook, facts.Maps).GetValueOrDefault(name) ?? [];
        var observationNumbers = new ThemeNumbers<ObservationFact>(codebook, facts.Observations, f => f.Themes, ObservationFacts.Cell,
            theme => counts.GetValueOrDefault(theme)?.Observations ?? 0, viewer.IsCommissioner);
        var storyNumbers = new ThemeNumbers<StoryFact>(codebook, facts.Stories, f => f.Themes, StoryFacts.Cell,
            theme => counts.GetValueOrDefault(theme)?.Stories ?? 0, viewer.IsCommissioner);
        var thisWeek = MondayOf(viewer.Today);
        var weeks = Enumerable.Range(0, WeeksShown).Select(i => thisWeek.AddDays(-7 * (WeeksShown - 1 - i))).ToList();
        var weekObservations = observationNumbers.Weeks(name, weeks, f => f.ObservedOn);
        var weekStories = storyNumbers.Weeks(name, weeks, f => f.Week);
        var trend = weeks.Select((w, i) => new ThemeWeek(w, weekObservations[i], weekStories[i],
            ripples.Count(r => MondayOf(DateOnly.FromDateTime(r.Ripple.HappenedAt.UtcDateTime)) == w))).ToList();

        var others = observations.SelectMany(f => codebook.CurrentNamesOf(f.Themes))
            .Concat(stories.SelectMany(f => codebook.CurrentNamesOf(f.Themes)))
            .Concat(ripples.SelectMany(r => codebook.CurrentNamesOf(r.Ripple.Themes))).Where(t => t != name).Distinct().Order(StringComparer.Ordinal).ToList();
        var together = others.Select(o => new ThemeTogether(o, observationNumbers.Together(name, o), storyNumbers.Together(name, o),
                ripples.Count(r => codebook.CurrentNamesOf(r.Ripple.Themes).Contains(o))))
            .OrderByDescending(t => (t.Observations as int? ?? 0) + (t.Stories as int? ?? 0) + t.Ripples).ThenBy(t => t.Theme, StringComparer.Ordinal).ToList();

        var rippleExamples = ripples.OrderByDescending(r => r.Ripple.HappenedAt).Take(ExamplesShown)
            .Select(r => new ThemeExample("ripple", r.Ripple.Id, r.MapId, r.Ripple.Label, DateOnly.FromDateTime(r.Ripple.HappenedAt.UtcDateTime)));
        var shownObservations = entry.Observations is int ? observationExamples.Take(ExamplesShown) : [];
        var shownStories = entry.Stories is int ? storyExamples.Take(ExamplesShown) : [];
        return new ThemeView(entry, trend, together, [.. shownObservations, .. shownStories, .. rippleExamples]);
    }

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
