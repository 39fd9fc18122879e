using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using System.Text;
using CsvHelper;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Observations;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Indicators;

public static class ReadingsCsvEndpoint
{
    private static readonly string[] Required = ["observedOn", "value"];
    private static readonly string[] Optional = ["id", "sampleSize", "source", "note"];

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
    public static async Task<IResult> Import(Guid allianceId, Guid indicatorId, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        // The content type is checked before anything is loaded, as for every other write.
        if (!CsvUpload.IsCsv(http.Request)) return CsvUpload.UnsupportedMediaType("readings");
        return await ImportAsync(http.Request.Body, allianceId, indicatorId, session, ct);
    }

    /// <summary>The import itself, shared with the web app's upload: appends the accepted readings to the session for the caller to save.</summary>
    public static async Task<IResult> ImportAsync(Stream body, Guid allianceId, Guid indicatorId, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForExclusiveWriting<Indicator>(indicatorId, ct);
        if (stream.Aggregate is not { } indicator) return ReadIndicatorsEndpoint.NotFound;
        if (indicator.Status == IndicatorStatus.Retired) return IndicatorAnswers.Retired;

        using var parser = CsvUpload.Open(body);
        var (columns, headerProblems) = await CsvUpload.ReadHeaderAsync(parser, Required, Optional);
        if (columns is null) return Results.Problem(headerProblems.ToProblem());

        var accepted = new List<object>();
        var index = ReadingIndex.Of(indicator);
        var rejected = new List<RejectedRow>();
        long duplicates = 0;
        await foreach (var (line, row) in CsvUpload.RowsAsync(parser, ct))
        {
            var (command, errors) = ReadRow(row, columns);
            if (command is not null && RecordReadingEndpoint.Check(command) is { IsValid: false } invalid)
                errors = ((Microsoft.AspNetCore.Http.HttpValidationProblemDetails)invalid.ToProblem()).Errors;
            if (command is null || errors.Count > 0) { rejected.Add(new RejectedRow(line, errors)); continue; }

            var (answer, recorded, retry) = RecordReadingEndpoint.Decide(indicator, index, command, [], allianceId);
            if (recorded is not null) accepted.Add(recorded);
            else if (retry) duplicates++;
            else rejected.Add(new RejectedRow(line, new Dictionary<string, string[]>
            {
                ["row"] = [(answer as ProblemHttpResult)?.ProblemDetails.Detail ?? "This id was used for a different reading."]
            }));
        }
        stream.AppendMany(accepted);
        return Results.Ok(new ImportResult(accepted.Count, duplicates, rejected.Take(ImportObservationsEndpoint.MaxReportedRejections).ToList(), rejected.Count));
    }

    private static (RecordReading? Command, IDictionary<string, string[]> Errors) ReadRow(string[] row, CsvColumns columns)
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
