using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

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

/// <summary>Recording a reading: behind the API's endpoint and the indicator page's "Record the reading"; the CSV import decides each row with it.</summary>
public static class RecordReadingUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(RecordReading? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
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
        return validation.ToErrors();
    }

    /// <summary>
    /// The reading, bound to the definition version in force, against the readings in <paramref name="index"/> (which
    /// gains it when it is recorded): the same id and body again is already there, the same id with another body a
    /// conflict; a retired indicator, a second reading on a day without a note, or a full definition version refuse it.
    /// </summary>
    public static Decision Decide(Indicator indicator, ReadingIndex index, RecordReading command, IReadOnlyList<EvidenceRef> linked, Guid allianceId)
    {
        var recorded = new ReadingRecorded(command.Id ?? Guid.CreateVersion7(), command.Value!.Value, command.ObservedOn!.Value,
            command.SampleSize, string.IsNullOrWhiteSpace(command.Source) ? null : command.Source.Trim(),
            string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), linked, indicator.Definition.Version);
        var location = $"{IndicatorAnswers.Location(allianceId, indicator.Id)}/readings/{recorded.ReadingId}";

        if (index.ById.TryGetValue(recorded.ReadingId, out var earlier))
            return earlier.SameAs(recorded) ? Outcome.Retried(recorded.ReadingId, location) : Outcome.IdTakenByDifferentBody(recorded.ReadingId);
        if (indicator.Status == IndicatorStatus.Retired) return IndicatorAnswers.Retired;
        if (recorded.Note is null && index.Days.Contains(recorded.ObservedOn))
            return new Outcome.Conflict("Already a reading on this day",
                $"There is a reading observed on {recorded.ObservedOn:yyyy-MM-dd}. Add a note saying why a second one belongs there.");
        if (index.InCurrentDefinition >= Indicator.MaxReadingsPerDefinition)
            return new Outcome.Conflict("This definition holds the most readings it can",
                $"A definition version takes at most {Indicator.MaxReadingsPerDefinition:N0} readings. Redefine the indicator to start a new version.");
        index.Add(recorded);
        return Decision.Append(Outcome.Created(recorded.ReadingId, location), recorded);
    }

    /// <summary>
    /// Records it with the indicator taken one writer at a time (the same-day rule reads the readings already there).
    /// Cited observations and stories must be the alliance's and still consented. An indicator that is not there is
    /// not found whatever the body says; the body's field errors come next.
    /// </summary>
    public static Task<Outcome> RunAsync(Guid indicatorId, RecordReading? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(RecordReading), acting, async () =>
        {
            var errors = Validate(command);
            var linked = errors.Count == 0 ? Evidence.ToRefs(command!.Linked) : [];
            var uncitable = await UncitableAsync(store, acting, linked, ct);
            return await UseCase.ChangeStreamAsync<Indicator>(store, acting, indicatorId, oneWriterAtATime: true, IndicatorAnswers.Missing,
                indicator => UseCase.Refusal(errors) ?? UseCase.Refusal(uncitable) ?? Decide(indicator, ReadingIndex.Of(indicator), command!, linked, acting.AllianceId), ct);
        });

    private static async Task<IReadOnlyDictionary<string, string[]>> UncitableAsync(IDocumentStore store, ActingMember acting,
        IReadOnlyList<EvidenceRef> linked, CancellationToken ct)
    {
        if (linked.Count == 0) return new Dictionary<string, string[]>();
        await using var session = store.QuerySession(acting.AllianceId.ToString());
        return await Evidence.UncitableAsync(session, "linked", linked, ct);
    }
}

public static class RecordReadingEndpoint
{
    /// <summary>
    /// Record a reading, bound to the definition version in force. A second reading on the same
    /// day is accepted only with a note saying why (otherwise 409). A retry with the same id and body appends nothing.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/readings", OperationId = "recordReading")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(RecordReading command, Guid indicatorId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await RecordReadingUseCase.RunAsync(indicatorId, command, ActingMember.Of(http), store, ct)).ToHttp();
}
