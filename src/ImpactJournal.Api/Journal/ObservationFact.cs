namespace ImpactJournal.Journal;

/// <summary>
/// Observations that share these countable fields (no text), and how many of them there are: what
/// activity counts are made of, read as grouped rows rather than whole documents.
/// </summary>
public sealed record ObservationFact(
    Guid PartnerId,
    DateOnly ObservedOn,
    IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals,
    bool Identifiable,
    bool Retracted,
    int Count = 1);

public static class ObservationFacts
{
    /// <summary>How a group of facts is shown: their total, or "&lt;5" where small-number suppression applies.</summary>
    public static object Shown(this IReadOnlyCollection<ObservationFact> facts, Viewer viewer) =>
        SmallNumbers.Show(facts.Sum(f => f.Count), facts.Any(f => f.Identifiable), viewer.IsCommissioner);
}
