using System.Globalization;
using System.Text;
using CsvHelper;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Observations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Indicators;

public static class ReadingsCsvEndpoint
{
    /// <summary>
    /// The indicator's readings, oldest first: JSON by default, <c>?format=csv</c> for a CSV file with
    /// the columns id, observedOn, value, definitionVersion, sampleSize, source, note, recordedBy, recordedAt.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/readings", OperationId = "listReadings")]
    public static async Task<IResult> Export(Guid indicatorId, string? format, IQuerySession session, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv")) return Results.Problem(new Validation().Add("format", "json or csv.").ToProblem());
        if (await session.LoadAsync<Indicator>(indicatorId, ct) is not { } indicator) return ReadIndicatorsEndpoint.NotFound;
        var readings = indicator.Readings.OrderBy(r => r.ObservedOn).ThenBy(r => r.RecordedAt).ToList();
        if (format != "csv")
            return Results.Ok(readings.Select(r => new { r.Id, r.ObservedOn, r.Value, r.DefinitionVersion, r.SampleSize, r.Source, r.Note, r.Linked, r.RecordedBy, r.RecordedAt }));

        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "id", "observedOn", "value", "definitionVersion", "sampleSize", "source", "note", "recordedBy", "recordedAt" })
                csv.WriteField(header);
            await csv.NextRecordAsync();
            foreach (var r in readings)
            {
                csv.WriteField(r.Id);
                csv.WriteField(r.ObservedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(r.Value.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(r.DefinitionVersion);
                csv.WriteField(r.SampleSize);
                csv.WriteField(CsvCells.Inert(r.Source));
                csv.WriteField(CsvCells.Inert(r.Note));
                csv.WriteField(CsvCells.Inert(r.RecordedBy));
                csv.WriteField(r.RecordedAt.ToString("O", CultureInfo.InvariantCulture));
                await csv.NextRecordAsync();
            }
        }
        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"readings-{indicatorId}.csv");
    }

    /// <summary>
    /// Import readings from CSV (text/csv; header with observedOn and value, optional id, sampleSize,
    /// source, note). Each bad row is reported with its line and field errors; the good rows are kept,
    /// bound to the definition version in force; rows whose id was recorded before count as duplicates.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/readings/import", OperationId = "importReadings")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [LargeRequestBody]
    public static async Task<IResult> Import(Guid indicatorId, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        // The content type is checked before anything is read, as for every other write.
        if (!CsvUpload.IsCsv(http.Request)) return CsvUpload.UnsupportedMediaType("readings");
        return (await ImportReadingsUseCase.RunAsync(new ImportReadings(indicatorId, http.Request.Body), ActingMember.Of(http), store, ct)).ToHttp();
    }
}

/// <summary>A CSV file of readings for one indicator, as uploaded.</summary>
public sealed record ImportReadings(Guid IndicatorId, Stream Csv);

/// <summary>One data row of a readings file: the reading it holds, or the errors that keep it from being one.</summary>
public sealed record ReadingRow(long Line, RecordReading? Reading, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>A readings file as read: its header's problems (when it cannot be used at all), else its rows.</summary>
public sealed record ReadingsFile(IReadOnlyDictionary<string, string[]> HeaderErrors, IReadOnlyList<ReadingRow> Rows);

/// <summary>Importing readings from CSV: behind the API's endpoint and the indicator page's "Import readings".</summary>
public static class ImportReadingsUseCase
{
    private static readonly string[] Required = ["observedOn", "value"];
    private static readonly string[] Optional = ["id", "sampleSize", "source", "note"];
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>
    /// Each row decided as a reading recorded on its own would be, in file order: the good rows are kept, a row whose id
    /// was recorded before is a duplicate, every other row is reported with its line. A retired indicator takes none.
    /// </summary>
    public static Decision Decide(Indicator indicator, ReadingsFile file, Guid allianceId)
    {
        if (indicator.Status == IndicatorStatus.Retired) return IndicatorAnswers.Retired;
        if (file.HeaderErrors.Count > 0) return new Outcome.Invalid(file.HeaderErrors);

        var accepted = new List<object>();
        var index = ReadingIndex.Of(indicator);
        var rejected = new List<RejectedRow>();
        long duplicates = 0;
        foreach (var row in file.Rows)
        {
            var errors = row.Reading is { } reading ? RecordReadingUseCase.Validate(reading) : row.Errors;
            if (errors.Count > 0) { rejected.Add(new RejectedRow(row.Line, new Dictionary<string, string[]>(errors))); continue; }

            var decision = RecordReadingUseCase.Decide(indicator, index, row.Reading!, [], allianceId);
            accepted.AddRange(decision.Events);
            if (decision.Outcome is Outcome.AlreadyThere) duplicates++;
            else if (decision.Outcome is Outcome.Conflict refused)
                rejected.Add(new RejectedRow(row.Line, new Dictionary<string, string[]> { ["row"] = [refused.Detail] }));
        }
        var result = new ImportResult(accepted.Count, duplicates, [.. rejected.Take(ImportObservationsEndpoint.MaxReportedRejections)], rejected.Count);
        return Decision.Append(Outcome.Changed(indicator.Id, IndicatorAnswers.Location(allianceId, indicator.Id), result), [.. accepted]);
    }

    /// <summary>Reads the whole file first, then decides with the indicator taken one writer at a time, as a single reading is.</summary>
    public static Task<Outcome> RunAsync(ImportReadings command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(ImportReadings), acting, async () =>
        {
            // A file is read only for an indicator that is there: nobody makes the service parse 50 MB to learn it is not.
            await using (var reader = store.QuerySession(acting.AllianceId.ToString()))
                if (await reader.Events.FetchStreamStateAsync(command.IndicatorId, ct) is null) return new Outcome.NotFound(IndicatorAnswers.Missing);
            var file = await ReadAsync(command.Csv, ct);
            return await UseCase.ChangeStreamAsync<Indicator>(store, acting, command.IndicatorId, oneWriterAtATime: true, IndicatorAnswers.Missing,
                indicator => Decide(indicator, file, acting.AllianceId), ct);
        });

    /// <summary>Reads the whole file: its header, then each row as a reading or the errors that keep it from being one.</summary>
    public static async Task<ReadingsFile> ReadAsync(Stream csv, CancellationToken ct)
    {
        using var parser = CsvUpload.Open(csv);
        var (columns, headerProblems) = await CsvUpload.ReadHeaderAsync(parser, Required, Optional);
        if (columns is null) return new ReadingsFile(headerProblems.ToErrors(), []);
        var rows = new List<ReadingRow>();
        await foreach (var (line, row) in CsvUpload.RowsAsync(parser, ct))
        {
            var (reading, errors) = ReadRow(row, columns);
            rows.Add(new ReadingRow(line, reading, reading is null ? errors : NoErrors));
        }
        return new ReadingsFile(NoErrors, rows);
    }

    private static (RecordReading? Reading, Dictionary<string, string[]> Errors) ReadRow(string[] row, CsvColumns columns)
    {
        var errors = columns.UnstorableCells(row);
        if (errors.Count > 0) return (null, errors);
        string? Cell(string column) => columns.Cell(row, column);
        T? Parse<T>(string column, Func<string, T?> parse, string expected) where T : struct => columns.Parse(row, column, parse, expected, errors);

        var id = Parse("id", c => Guid.TryParse(c, out var g) ? g : (Guid?)null, "A UUID.");
        var observedOn = Parse("observedOn", c => DateOnly.TryParseExact(c, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && JournalDates.IsPlausible(d) ? d : (DateOnly?)null,
            $"A date, YYYY-MM-DD, {JournalDates.Range}.");
        var value = Parse("value", c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null, "A number.");
        var sampleSize = Parse("sampleSize", c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null, "A whole number.");
        return errors.Count > 0 ? (null, errors) : (new RecordReading(id, value, observedOn, sampleSize, Cell("source"), Cell("note"), null), errors);
    }
}
