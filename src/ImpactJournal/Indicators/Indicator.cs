using System.Collections.Immutable;
using System.Text.Json.Serialization;
using JasperFx.Events;

namespace ImpactJournal.Indicators;

public sealed record IndicatorDefinition(int Version, string Question, IndicatorUnit Unit, string Method, DateTimeOffset Since);

public sealed record Reading(
    Guid Id,
    double Value,
    DateOnly ObservedOn,
    int? SampleSize,
    string? Source,
    string? Note,
    IReadOnlyList<Journal.EvidenceRef> Linked,
    int DefinitionVersion,
    string? RecordedBy,
    DateTimeOffset RecordedAt)
{
    /// <summary>The event that recorded it, for comparing a retry with what was recorded.</summary>
    public ReadingRecorded ToEvent() => new(Id, Value, ObservedOn, SampleSize, Source, Note, Linked, DefinitionVersion);
}

public sealed record ReadingPoint(DateOnly ObservedOn, double Value);

/// <summary>
/// A cornerstone indicator: its definitions (versioned), lifecycle and readings. Snapshotted inline
/// so that a reading just recorded is in the next trend. <see cref="Latest"/> and
/// <see cref="Direction"/> are stored with it so lists need not read every series.
/// </summary>
public sealed record Indicator(
    Guid Id,
    string Name,
    string ProposedBy,
    string? NarrativeOfSuccess,
    IndicatorStatus Status,
    DateOnly? AdoptedOn,
    string? RetiredReason,
    IReadOnlyList<IndicatorDefinition> Definitions,
    IReadOnlyList<Reading> Readings,
    IndicatorProposed Proposed)
{
    /// <summary>The most readings one definition version takes: the trend and the stored indicator stay quick to compute and read.</summary>
    public const int MaxReadingsPerDefinition = 10_000;

    public IndicatorDefinition Definition => Definitions[^1];

    public int CurrentReadingCount => Readings.Count(r => r.DefinitionVersion == Definition.Version);

    /// <summary>
    /// Readings bound to the definition in force, in date order (then as recorded). Not stored: it would repeat the
    /// readings and double the document every dashboard and summary reads.
    /// </summary>
    [JsonIgnore]
    public IEnumerable<Reading> CurrentReadings =>
        Readings.Where(r => r.DefinitionVersion == Definition.Version).OrderBy(r => r.ObservedOn);

    public ReadingPoint? Latest => CurrentReadings.LastOrDefault() is { } r ? new ReadingPoint(r.ObservedOn, r.Value) : null;

    /// <summary>The series in a few dozen points, stored with the indicator for small trend pictures.</summary>
    public IReadOnlyList<OutlinePoint> Outline => TrendOutline.Of(Readings);

    /// <summary>The current definition's readings in a few figures, stored with the indicator for the dashboard's words.</summary>
    public ReadingSpan Span => ReadingSpan.Of([.. CurrentReadings.Select(r => r.ObservedOn)]);

    public TrendDirection Direction => TrendMethod.Fit(CurrentReadings.Select(r => (r.ObservedOn, r.Value)).ToList()).Direction;

    public static Indicator Create(IEvent<IndicatorProposed> proposed)
    {
        var e = proposed.Data;
        return new Indicator(e.IndicatorId, e.Name, e.ProposedBy, e.NarrativeOfSuccess, IndicatorStatus.Proposed, null, null,
            [new IndicatorDefinition(1, e.Question, e.Unit, e.Method, proposed.Timestamp)], [], e);
    }

    public Indicator Apply(IndicatorAdopted adopted) => this with { Status = IndicatorStatus.Adopted, AdoptedOn = adopted.AdoptedOn };

    public Indicator Apply(IEvent<IndicatorRedefined> redefined)
    {
        var e = redefined.Data;
        var definitions = e.DefinitionVersion == Definition.Version
            ? Definitions
            : [.. Definitions, new IndicatorDefinition(e.DefinitionVersion, e.Question ?? Definition.Question, e.Unit ?? Definition.Unit,
                e.Method ?? Definition.Method, redefined.Timestamp)];
        return this with { Name = e.Name ?? Name, NarrativeOfSuccess = e.NarrativeOfSuccess ?? NarrativeOfSuccess, Definitions = definitions };
    }

    public Indicator Apply(IEvent<ReadingRecorded> recorded)
    {
        var e = recorded.Data;
        // An immutable list shares its structure: a thousand readings imported at once cost a thousand small adds, not copies.
        var readings = Readings as ImmutableList<Reading> ?? Readings.ToImmutableList();
        return this with
        {
            Readings = readings.Add(new Reading(e.ReadingId, e.Value, e.ObservedOn, e.SampleSize, e.Source, e.Note, e.Linked,
                e.DefinitionVersion, recorded.UserName, recorded.Timestamp))
        };
    }

    public Indicator Apply(IndicatorRetired retired) => this with { Status = IndicatorStatus.Retired, RetiredReason = retired.Reason };
}
