using ImpactJournal.Infrastructure;

namespace ImpactJournal.Journal;

/// <summary>Free-text themes partners tag their notes with, compared without regard to case or spacing.</summary>
public static class Themes
{
    public const int MaxCount = 20;
    public const int MaxLength = 100;

    public static IReadOnlyList<string> Normalise(IEnumerable<string?>? themes) =>
        (themes ?? []).Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => NormaliseOne(t!))
            .Distinct()
            .ToList();

    /// <summary>One theme as the journal keeps it: lower case, single spaces, no spaces at either end.</summary>
    public static string NormaliseOne(string theme) =>
        string.Join(' ', theme.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public static Validation CheckThemes(this Validation validation, string field, IReadOnlyList<string?>? themes)
    {
        if (themes is null) return validation;
        if (themes.Count > MaxCount) validation.Add(field, $"At most {MaxCount} themes.");
        for (var i = 0; i < themes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(themes[i])) validation.Add($"{field}[{i}]", "Must not be empty.");
            else if (themes[i]!.Length > MaxLength) validation.Add($"{field}[{i}]", $"At most {MaxLength} characters.");
        }
        return validation;
    }

    public static Validation CheckCapitals(this Validation validation, string field, IReadOnlyList<CommunityCapital?>? capitals)
    {
        if (capitals is null) return validation;
        for (var i = 0; i < capitals.Count; i++)
        {
            if (capitals[i] is not { } capital || !Enum.IsDefined(capital))
                validation.Add($"{field}[{i}]", $"One of {Vocabulary.ListOf<CommunityCapital>()}.");
        }
        return validation;
    }
}
