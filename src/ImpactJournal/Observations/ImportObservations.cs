using System.Diagnostics;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Attributes;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public sealed record RejectedRow(long Line, IDictionary<string, string[]> Errors);

public sealed record ImportResult(long Imported, long Duplicates, IReadOnlyList<RejectedRow> Rejected, long RejectedTotal);

public static class ImportObservationsEndpoint
{
    public const int BatchSize = 5000;
    public const int MaxReportedRejections = 1000;

    /// <summary>
    /// Import observations from CSV (text/csv with a header row; columns id?, observedAt, text,
    /// themes, capitals, valence, partnerId?, place?, consentScope, identifiable; lists separated by ';').
    /// Each bad row is reported with its line and field errors and the good rows are kept; rows whose
    /// id was imported before count as duplicates. The file is streamed in batches, never held whole.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/import", OperationId = "importObservations")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [LargeRequestBody]
    [NonTransactional]
    public static async Task<IResult> Post(Guid allianceId, HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock,
        ILogger<ObservationImport> logger, CancellationToken ct)
    {
        if (!CsvUpload.IsCsv(http.Request)) return CsvUpload.UnsupportedMediaType("observations");

        var (result, headerProblems) = await RunAsync(http.Request.Body, allianceId, CurrentMember.AllianceOf(http), CurrentMember.Of(http),
            (DocumentStore)store, dataSource, clock, logger, ct);
        return result is null ? Results.Problem(headerProblems.ToProblem()) : Results.Ok(result);
    }

    /// <summary>One import of a CSV body, for the API and the web app's upload page alike; no result when the header is unusable.</summary>
    public static async Task<(ImportResult? Result, Validation HeaderProblems)> RunAsync(Stream body, Guid allianceId, Alliances.Alliance alliance,
        Alliances.Member member, DocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        using var activity = JournalInstruments.Source.StartActivity("observations.import");
        var watch = Stopwatch.StartNew();
        var import = new ObservationImport(store, dataSource, allianceId, alliance, member, clock, logger);
        using var parser = CsvUpload.Open(body);
        var (csv, headerProblems) = await ObservationCsv.FromHeaderAsync(parser);
        if (csv is null) return (null, headerProblems);

        await foreach (var (line, row) in CsvUpload.RowsAsync(parser, ct))
        {
            import.Add(line, csv.Read(row));
            if (import.Pending >= BatchSize) await import.FlushAsync(ct);
        }
        await import.CompleteAsync(ct);

        var result = import.Result;
        activity?.SetTag("import.rows", result.Imported + result.Duplicates + result.RejectedTotal)
            .SetTag("import.imported", result.Imported).SetTag("import.duplicates", result.Duplicates)
            .SetTag("import.rejected", result.RejectedTotal)
            .SetTag("import.lookup_ms", (long)import.LookupTime.TotalMilliseconds)
            .SetTag("import.write_ms", (long)import.WriteTime.TotalMilliseconds);
        logger.LogInformation("Imported {Imported} observations ({Duplicates} duplicates, {Rejected} rejected) in {Elapsed} ms: {Lookup} ms looking up ids, {Write} ms writing",
            result.Imported, result.Duplicates, result.RejectedTotal, (long)watch.Elapsed.TotalMilliseconds,
            (long)import.LookupTime.TotalMilliseconds, (long)import.WriteTime.TotalMilliseconds);
        return (result, headerProblems);
    }
}