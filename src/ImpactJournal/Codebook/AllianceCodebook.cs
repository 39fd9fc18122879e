using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using JasperFx.Events;

namespace ImpactJournal.Codebook;

/// <summary>A rename or a merge as the codebook shows it: the names it joined, the name they now read as, who and when.</summary>
public sealed record CodebookChange(Guid Id, string Kind, IReadOnlyList<string> From, string To, string? By, DateTimeOffset At);

/// <summary>
/// The alliance's codebook: one stream per alliance (id <see cref="StreamIdOf"/>) of renames, merges and descriptions,
/// snapshotted inline. It never touches a record: observations, stories and ripples keep the themes they were coded
/// with, and every read maps those words to their current name through <see cref="CurrentNameOf"/>.
/// </summary>
public sealed record AllianceCodebook(
    Guid Id,
    IReadOnlyDictionary<string, string> CurrentNames,
    IReadOnlyDictionary<string, string> Descriptions,
    IReadOnlyList<CodebookChange> Changes)
{
    private static readonly Guid Codebooks = new("4c6f3a0e-6b1d-4f7e-9a55-2f0d8c1e7b31");

    /// <summary>The version of its stream this state was built from.</summary>
    public long Version { get; init; }

    /// <summary>The alliance's codebook stream: the same id whichever instance asks.</summary>
    public static Guid StreamIdOf(Guid allianceId) => DerivedId.From(allianceId, Codebooks);

    public static AllianceCodebook Empty(Guid id) => new(id, new Dictionary<string, string>(), new Dictionary<string, string>(), []);

    /// <summary>
    /// The name a recorded theme reads as today: its normalised words (case and spacing, as <see cref="Themes.Normalise"/>),
    /// followed through every rename and merge since. A theme the codebook never changed reads as itself.
    /// </summary>
    public string CurrentNameOf(string recordedTheme)
    {
        var words = Themes.NormaliseOne(recordedTheme);
        return CurrentNames.TryGetValue(words, out var current) ? current : words;
    }

    /// <summary>A record's themes as they read today: current names, each once, in the order first met.</summary>
    public IReadOnlyList<string> CurrentNamesOf(IEnumerable<string>? recordedThemes) =>
        [.. (recordedThemes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(CurrentNameOf).Distinct()];

    /// <summary>Every recorded wording that reads as this current name: the name itself and the names renamed or merged into it.</summary>
    public IReadOnlyList<string> RecordedNamesOf(string currentName)
    {
        var name = Themes.NormaliseOne(currentName);
        return [name, .. FormerNamesOf(name)];
    }

    /// <summary>The names that were renamed or merged into this one.</summary>
    public IReadOnlyList<string> FormerNamesOf(string currentName) =>
        [.. CurrentNames.Where(n => n.Value == currentName).Select(n => n.Key).Order(StringComparer.Ordinal)];

    /// <summary>Whether the name was renamed or merged away (it reads as another now).</summary>
    public bool IsFormerName(string name) => CurrentNames.ContainsKey(name);

    public string? DescriptionOf(string currentName) => Descriptions.GetValueOrDefault(currentName);

    public static AllianceCodebook Create(IEvent<ThemeRenamed> e) => Empty(e.StreamId).Apply(e);
    public static AllianceCodebook Create(IEvent<ThemesMerged> e) => Empty(e.StreamId).Apply(e);
    public static AllianceCodebook Create(IEvent<ThemeDescribed> e) => Empty(e.StreamId).Apply(e);

    public AllianceCodebook Apply(IEvent<ThemeRenamed> e) =>
        Moved([e.Data.Theme], e.Data.To, new CodebookChange(e.Data.ChangeId, "renamed", [e.Data.Theme], e.Data.To, e.UserName, e.Timestamp), e.Version);

    public AllianceCodebook Apply(IEvent<ThemesMerged> e) =>
        Moved(e.Data.Themes, e.Data.Into, new CodebookChange(e.Data.ChangeId, "merged", e.Data.Themes, e.Data.Into, e.UserName, e.Timestamp), e.Version);

    public AllianceCodebook Apply(IEvent<ThemeWordsErased> e) => this with { Version = e.Version };

    public AllianceCodebook Apply(IEvent<ThemeDescribed> e)
    {
        var descriptions = new Dictionary<string, string>(Descriptions);
        if (string.IsNullOrWhiteSpace(e.Data.Description)) descriptions.Remove(e.Data.Theme);
        else descriptions[e.Data.Theme] = e.Data.Description;
        return this with { Descriptions = descriptions, Version = e.Version };
    }

    /// <summary>
    /// Every name in <paramref name="from"/>, and every name that already read as one of them, reads as <paramref name="to"/>
    /// from now on (kept resolved, so a lookup is one step); a name that comes back to itself is itself again. A theme
    /// merged away with a description passes it on to a target that has none.
    /// </summary>
    private AllianceCodebook Moved(IReadOnlyList<string> from, string to, CodebookChange change, long version)
    {
        var moving = from.ToHashSet();
        var names = CurrentNames.ToDictionary(n => n.Key, n => moving.Contains(n.Value) ? to : n.Value);
        foreach (var name in moving) names[name] = to;
        foreach (var same in names.Where(n => n.Key == n.Value).Select(n => n.Key).ToList()) names.Remove(same);

        var descriptions = new Dictionary<string, string>(Descriptions);
        foreach (var name in from)
        {
            if (!descriptions.Remove(name, out var description)) continue;
            descriptions.TryAdd(to, description);
        }
        return this with { CurrentNames = names, Descriptions = descriptions, Changes = [.. Changes, change], Version = version };
    }
}
