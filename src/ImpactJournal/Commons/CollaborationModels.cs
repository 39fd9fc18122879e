using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.Commons;

/// <summary>The seven collaboration models the commons is searched by, in their keys and in words.</summary>
public static class CollaborationModels
{
    public static readonly IReadOnlyList<(string Key, string Words)> All =
    [
        ("alliance-contract", "Alliance contract"),
        ("relational-contract", "Relational contract"),
        ("collaboration-agreement", "Collaboration agreement"),
        ("thin-layer-cooperative", "Thin-layer co-operative"),
        ("public-commons-partnership", "Public commons partnership"),
        ("innovation-partnership", "Innovation partnership"),
        ("grant-collaboration", "Grant collaboration"),
    ];

    public static readonly IReadOnlySet<string> Keys = All.Select(m => m.Key).ToHashSet();

    public static string WordsFor(string? key) => All.FirstOrDefault(m => m.Key == key).Words ?? "Another model";

    /// <summary>The model an alliance's agreement suggests (its key), or null for "other".</summary>
    public static string? SuggestedBy(AgreementType agreement) =>
        Vocabulary.Spell(agreement) is var key && Keys.Contains(key) ? key : null;
}
