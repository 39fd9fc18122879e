using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Indicators;

public sealed record RecordReading(Guid? Id, double? Value, DateOnly? ObservedOn, int? SampleSize, string? Source, string? Note,
    IReadOnlyList<EvidenceInput?>? Linked);

/// <summary>
/// An indicator's readings looked up by id and by day, built once per request: an import of thousands
/// of rows checks each against it (and adds what it accepts) in constant time.
/// </summary>
public sealed class ReadingIndex
{
    public Dictionary<Guid, ReadingRecorded> ById { get; } = new();
    public HashSet<DateOnly> Days { get; } = new();
    public int InCurrentDefinition { get; private set; }
    private int _currentVersion;

    public static ReadingIndex Of(Indicator indicator)
    {
        var index = new ReadingIndex { _currentVersion = indicator.Definition.Version };
        foreach (var reading in indicator.Readings) index.Add(reading.ToEvent());
        return index;
    }

    public void Add(ReadingRecorded recorded)
    {
        ById[recorded.ReadingId] = recorded;
        Days.Add(recorded.ObservedOn);
        if (recorded.DefinitionVersion == _currentVersion) InCurrentDefinition++;
    }
}

public static class RecordReadingEndpoint
{
    public static ProblemDetails Validate(RecordReading? command) => command is null ? Validation.MissingBody() : Check(command).ToProblem();

    public static Validation Check(RecordReading command)
    {
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .Required("value", command.Value)
            .Required("observedOn", command.ObservedOn)
            .Text("source", command.Source, IndicatorConfiguration.Source, required: false)
            .Text("note", command.Note, IndicatorConfiguration.Note, required: false)
            .CheckEvidence("linked", command.Linked);
        if (command.Value is { } value && (!double.IsFinite(value) || Math.Abs(value) > IndicatorConfiguration.MaxMagnitude))
            validation.Add("value", $"A number between -{IndicatorConfiguration.MaxMagnitude:0e0} and {IndicatorConfiguration.MaxMagnitude:0e0}.");
        if (command.SampleSize is < 0) validation.Add("sampleSize", "Zero or more.");
        return validation;
    }

    /// <summary>
    /// Record a reading, bound to the definition version in force. A second reading on the same
    /// day is accepted only with a note saying why (otherwise 409). A retry with the same id and body appends nothing.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/readings", OperationId = "recordReading")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<(IResult, Events)> Post(RecordReading command, Guid allianceId,
        [WriteAggregate("indicatorId", LoadStyle = ConcurrencyStyle.Exclusive)] Indicator indicator,
        IDocumentSession session, CancellationToken ct)
    {
        var linked = Evidence.ToRefs(command.Linked);
        if (await Evidence.MissingAsync(session, "linked", linked, ct) is { } missing) return (missing, []);
        var (answer, recorded, _) = Decide(indicator, ReadingIndex.Of(indicator), command, linked, allianceId);
        return (answer, recorded is null ? [] : [recorded]);
    }

    /// <returns>The answer, the event to append (if any), and whether this exact reading was recorded before.</returns>
    public static (IResult Answer, ReadingRecorded? Recorded, bool Retry) Decide(Indicator indicator, ReadingIndex index, RecordReading command,
        IReadOnlyList<EvidenceRef> linked, Guid allianceId)
    {
        var recorded = new ReadingRecorded(command.Id ?? Guid.CreateVersion7(), command.Value!.Value, command.ObservedOn!.Value,
            command.SampleSize, string.IsNullOrWhiteSpace(command.Source) ? null : command.Source.Trim(),
            string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), linked, indicator.Definition.Version);
        var location = $"{IndicatorAnswers.Location(allianceId, indicator.Id)}/readings/{recorded.ReadingId}";

        if (index.ById.TryGetValue(recorded.ReadingId, out var earlier))
        {
            var same = earlier.SameAs(recorded);
            return (ResourceCreated.ForPart(true, same, location, recorded.ReadingId), null, same);
        }
        if (indicator.Status == IndicatorStatus.Retired) return (IndicatorAnswers.Retired, null, false);
        if (recorded.Note is null && index.Days.Contains(recorded.ObservedOn))
            return (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a reading on this day",
                detail: $"There is a reading observed on {recorded.ObservedOn:yyyy-MM-dd}. Add a note saying why a second one belongs there."), null, false);
        if (index.InCurrentDefinition >= Indicator.MaxReadingsPerDefinition)
            return (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This definition holds the most readings it can",
                detail: $"A definition version takes at most {Indicator.MaxReadingsPerDefinition:N0} readings. Redefine the indicator to start a new version."), null, false);
        index.Add(recorded);
        return (ResourceCreated.New(location, recorded.ReadingId), recorded, false);
    }
}
