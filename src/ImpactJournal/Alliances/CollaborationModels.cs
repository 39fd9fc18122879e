using ImpactJournal.Infrastructure;

namespace ImpactJournal.Alliances;

/// <summary>
/// The seven collaboration models, in their keys and in words: a template is for one, an alliance formed from a template
/// records its key, and the learning commons is searched by them.
/// </summary>
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

    public static readonly IReadOnlyList<string> Keys = [.. All.Select(m => m.Key)];

    public static string Words(string? key) => All.FirstOrDefault(m => m.Key == key).Words ?? "Another model";

    /// <summary>The model an alliance's agreement type names (its key), or null for "other".</summary>
    public static string? Of(AgreementType type) => Vocabulary.Spell(type) is var key && Keys.Contains(key) ? key : null;
}
