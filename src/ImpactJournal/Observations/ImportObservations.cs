using System.Diagnostics;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Attributes;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public sealed record RejectedRow(long Line, IDictionary<string, string[]> Errors);

public sealed record ImportResult(long Imported, long Duplicates, IReadOnlyList<RejectedRow> Rejected, long RejectedTotal);

/// <summary>A CSV of observations (a header row, then one observation a row), read as it arrives.</summary>
public sealed record ImportObservations(Stream Csv);

/// <summary>Importing observations from CSV: the one implementation behind the API's endpoint and the web app's upload page.</summary>
public static class ImportObservationsUseCase
{
    public const int BatchSize = 5000;
    public const int MaxReportedRejections = 1000;

    /// <summary>
    /// Imports the file's rows, each validated and decided as logging one would be; the outcome's body is the
    /// <see cref="ImportResult"/>. A header that cannot be used refuses the whole file with its field errors.
    /// </summary>
    public static Task<Outcome> RunAsync(ImportObservations command, ActingMember acting, DocumentStore store, NpgsqlDataSource dataSource,
        TimeProvider clock, ILogger logger, CancellationToken ct) => UseCase.TracedAsync(nameof(ImportObservations), acting, async () =>
    {
        using var activity = JournalInstruments.Source.StartActivity("observations.import");
        var watch = Stopwatch.StartNew();
        var import = new ObservationImport(store, dataSource, acting.AllianceId, acting.Alliance, acting.Member, clock, logger);
        using var parser = CsvUpload.Open(command.Csv);
        var (csv, headerProblems) = await ObservationCsv.FromHeaderAsync(parser);
        if (csv is null) return new Outcome.Invalid(headerProblems.ToErrors());

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
        return Outcome.Changed(acting.AllianceId, $"/api/alliances/{acting.AllianceId}/observations", result);
    });
}

public static class ImportObservationsEndpoint
{
    /// <summary>As many rejected rows as an observations import reports (the readings import reports as many).</summary>
    public const int MaxReportedRejections = ImportObservationsUseCase.MaxReportedRejections;

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
    public static async Task<IResult> Post(HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock,
        ILogger<ObservationImport> logger, CancellationToken ct) => CsvUpload.IsCsv(http.Request)
        ? (await ImportObservationsUseCase.RunAsync(new ImportObservations(http.Request.Body), ActingMember.Of(http), (DocumentStore)store,
            dataSource, clock, logger, ct)).ToHttp()
        : CsvUpload.UnsupportedMediaType("observations");
}
