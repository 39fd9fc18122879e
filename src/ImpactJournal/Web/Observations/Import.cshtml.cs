using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Observations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// For those who keep a spreadsheet: upload a CSV of observations, then see what was imported, what was
/// there already, and each rejected row with its line and reason. The same import as the API's.
/// </summary>
[LargeRequestBody]
public sealed class ImportModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock,
    ILogger<ImportModel> logger) : AlliancePage(directory)
{
    public ImportResult? Result { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) ?? Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (file is null || file.Length == 0)
        {
            Problems = ["Choose a CSV file to upload."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var body = file.OpenReadStream();
        var outcome = await ImportObservationsUseCase.RunAsync(new ImportObservations(body), Acting, (DocumentStore)store, dataSource, clock, logger, ct);
        switch (outcome)
        {
            case Outcome.Saved { Body: ImportResult result }:
                Result = result;
                break;
            case Outcome.Invalid invalid:
                Problems = [.. invalid.Errors.SelectMany(e => e.Value)];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                return RefusalPage(outcome)!;
        }
        return Page();
    }
}
