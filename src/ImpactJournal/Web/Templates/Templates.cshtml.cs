using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

/// <summary>
/// The templates a new alliance can start from (the seven built in, then those imported here), and importing a template
/// file: the same use case as <c>POST /api/templates</c>. Any signed-in person may form an alliance, so any may come here.
/// </summary>
public sealed class TemplatesModel(IDocumentStore store, TimeProvider clock) : PageModel
{
    /// <summary>The most a template file may be: far more than any real one needs.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    [FromQuery] public string? Imported { get; set; }

    /// <summary>Every error of an imported file sits beside the file field.</summary>
    public static string FieldId(string _) => "file";

    public IReadOnlyList<TemplateSummary> Templates { get; private set; } = [];
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Templates = await TemplateLibrary.ListAsync(store, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        string? text = null;
        if (file is { Length: > 0 and <= MaxFileBytes })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
        }
        else if (file is { Length: > MaxFileBytes }) ModelState.AddModelError("file", "The file is larger than 1 MB; a template file is a few kilobytes.");

        var outcome = ModelState.IsValid ? await ImportTemplateUseCase.RunAsync(new ImportTemplate(text), ActingSubject.Of(User)!, store, clock, ct) : null;
        switch (outcome)
        {
            case Outcome.Saved { Body: TemplateSummary saved }:
                return LocalRedirect($"/templates/{saved.Key}?imported=new");
            case Outcome.AlreadyThere { Body: TemplateSummary same }:
                return LocalRedirect($"/templates/{same.Key}?imported=again");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, _ => "file", (field, message) => field == "body" ? message : $"{field}: {message}");
                break;
            case Outcome.Conflict conflict:
                Refusal = conflict.Detail;
                break;
        }
        Response.StatusCode = outcome is Outcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Templates = await TemplateLibrary.ListAsync(store, ct);
        return Page();
    }
}
