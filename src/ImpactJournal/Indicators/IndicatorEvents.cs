using ImpactJournal.Journal;

namespace ImpactJournal.Indicators;

public enum IndicatorUnit
{
    Count,
    Percent,
    Scale,
    Ratio,
    Hours,
    Currency,
    Other
}

public enum IndicatorStatus
{
    Proposed,
    Adopted,
    Retired
}

public sealed record IndicatorProposed(
    Guid IndicatorId,
    string Name,
    string Question,
    IndicatorUnit Unit,
    string Method,
    string ProposedBy,
    string? NarrativeOfSuccess);

public sealed record IndicatorAdopted(DateOnly AdoptedOn);

/// <summary>
/// A change of definition. A new question, unit or method starts a new definition version; a new
/// name or narrative of success alone keeps the version. Unset fields stay as they were.
/// </summary>
public sealed record IndicatorRedefined(
    int DefinitionVersion,
    string? Name,
    string? Question,
    IndicatorUnit? Unit,
    string? Method,
    string? NarrativeOfSuccess);

public sealed record ReadingRecorded(
    Guid ReadingId,
    double Value,
    DateOnly ObservedOn,
    int? SampleSize,
    string? Source,
    string? Note,
    IReadOnlyList<EvidenceRef> Linked,
    int DefinitionVersion)
{
    public bool SameAs(ReadingRecorded other) =>
        ReadingId == other.ReadingId && Value.Equals(other.Value) && ObservedOn == other.ObservedOn && SampleSize == other.SampleSize
        && Source == other.Source && Note == other.Note && Linked.SequenceEqual(other.Linked);
}

public sealed record IndicatorRetired(string Reason);
