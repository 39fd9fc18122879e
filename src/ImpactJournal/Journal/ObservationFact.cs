namespace ImpactJournal.Journal;

/// <summary>
/// Observations that share these countable fields (no text), and how many of them there are: what
/// activity counts are made of, read as grouped rows rather than whole documents. <c>Valence</c> is read only where a
/// count needs it (a learning review's evidence).
/// </summary>
public sealed record ObservationFact(
    Guid PartnerId,
    DateOnly ObservedOn,
    IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals,
    bool Identifiable,
    bool Retracted,
    int Count = 1,
    Valence? Valence = null);

public static class ObservationFacts
{
    /// <summary>A group of facts as one cell of a table: how many, and whether any is identifiable.</summary>
    public static CountCell Cell(this IEnumerable<ObservationFact> facts)
    {
        var count = 0;
        var identifiable = false;
        foreach (var fact in facts) { count += fact.Count; identifiable |= fact.Identifiable; }
        return new CountCell(count, identifiable);
    }

    /// <summary>Groups of facts shown as a row that sums (or might be taken to sum) to all the facts.</summary>
    public static ShownRow ShownRow(this IReadOnlyCollection<ObservationFact> all, IEnumerable<IEnumerable<ObservationFact>> groups, Viewer viewer) =>
        SmallNumbers.ShowRow(all.Cell(), [.. groups.Select(g => g.Cell())], viewer.IsCommissioner);
}
