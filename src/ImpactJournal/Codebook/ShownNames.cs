using ImpactJournal.Journal;

namespace ImpactJournal.Codebook;

/// <summary>
/// Which of the codebook's names a reader is shown. A name records are coded with is shown when the reader may read a
/// record (or ripple) carrying it; a name no record carries (a curator's new name, a theme described before anything
/// was coded with it) when the theme it reads as is shown. A theme (a current name) is shown when the reader may read
/// a record that reads as it, or when no record reads as it. A rename, merge, former name or description is shown only
/// when every name it mentions is; so nothing tells a reader of words on records they may not read.
/// </summary>
public sealed class ShownNames(AllianceCodebook codebook, CodebookFacts facts)
{
    private readonly HashSet<string> readable = [.. facts.RecordedThemes.Select(Themes.NormaliseOne)];
    private readonly HashSet<string> recorded = [.. facts.RecordedThemes.Concat(facts.RecordedAnywhere).Select(Themes.NormaliseOne)];
    private readonly HashSet<string> readableThemes = [.. codebook.CurrentNamesOf(facts.RecordedThemes)];
    private readonly HashSet<string> recordedThemes = [.. codebook.CurrentNamesOf(facts.RecordedThemes.Concat(facts.RecordedAnywhere))];

    public bool Shows(string name) => name.Length > 0
        && (readable.Contains(name) || (!recorded.Contains(name) && ShowsTheme(codebook.CurrentNameOf(name))));

    public bool ShowsTheme(string currentName) => currentName.Length > 0
        && (readableThemes.Contains(currentName) || !recordedThemes.Contains(currentName));

    public bool Shows(CodebookChange change) => change.From.All(Shows) && Shows(change.To);

    public IReadOnlyList<CodebookChange> Changes => [.. codebook.Changes.Where(Shows)];

    public IReadOnlyList<string> FormerNamesOf(string currentName) => [.. codebook.FormerNamesOf(currentName).Where(Shows)];

    public string? DescriptionOf(string currentName) => ShowsTheme(currentName) ? codebook.DescriptionOf(currentName) : null;

    /// <summary>The described themes the reader is shown.</summary>
    public IEnumerable<string> Described => codebook.Descriptions.Keys.Where(ShowsTheme);
}
