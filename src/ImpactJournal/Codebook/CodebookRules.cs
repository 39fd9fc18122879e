using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;

namespace ImpactJournal.Codebook;

public static class CodebookLimits
{
    public const int Description = 2000;
}

/// <summary>What renames, merges and descriptions check of the codebook as it stands.</summary>
public static class CodebookRules
{
    /// <summary>
    /// The codebook's themes: the current names of the themes records are coded with (<paramref name="recordedThemes"/>,
    /// as recorded) and the themes described before anything was coded with them.
    /// </summary>
    public static IReadOnlySet<string> ThemesOf(AllianceCodebook codebook, IEnumerable<string> recordedThemes) =>
        codebook.CurrentNamesOf(recordedThemes).Concat(codebook.Descriptions.Keys).ToHashSet();

    /// <summary>Why the name is not a theme of the codebook, or null when it is.</summary>
    public static string? NotATheme(string name, AllianceCodebook codebook, IReadOnlySet<string> themes) =>
        themes.Contains(name) ? null
        : codebook.IsFormerName(name) ? $"“{name}” reads as “{codebook.CurrentNameOf(name)}” now: use that name."
        : $"No theme “{name}” in the codebook.";

    /// <summary>
    /// A rename or merge sent again with the id of one already recorded: the same change again is already there
    /// (nothing new is recorded); a different one under that id is a conflict. Null when the id is new.
    /// </summary>
    public static Outcome? Retry(AllianceCodebook codebook, Guid id, string kind, IReadOnlyList<string> from, string to, string location) =>
        codebook.Changes.FirstOrDefault(c => c.Id == id) is not { } earlier ? null
        : earlier.Kind == kind && earlier.From.SequenceEqual(from) && earlier.To == to ? Outcome.Retried(id, location, Answer(earlier.Id, kind, from, to))
        : Outcome.IdTakenByDifferentBody(id);

    public static CodebookChangeAnswer Answer(Guid id, string kind, IReadOnlyList<string> from, string to) => new(id, kind, from, to);

    public static string Location(Guid allianceId) => $"/api/alliances/{allianceId}/codebook";

    public static string Words(string? typed) => Themes.NormaliseOne(typed ?? "");
}

/// <summary>What a rename or merge answers: the change's id, and which names now read as which.</summary>
public sealed record CodebookChangeAnswer(Guid Id, string Kind, IReadOnlyList<string> From, string To);
