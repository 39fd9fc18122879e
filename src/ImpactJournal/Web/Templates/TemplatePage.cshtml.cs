using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

/// <summary>
/// One template: everything it holds, and "Form an alliance from this template" (the same use case as
/// <c>POST /api/alliances {templateId}</c>). The new alliance's id is made when the form is first shown and kept in its
/// address, so sending the form twice forms one alliance.
/// </summary>
public sealed class TemplatePageModel(IDocumentStore store, StreamStarter starter, TimeProvider clock) : PageModel
{
    [FromRoute] public string TemplateId { get; set; } = "";
    [FromQuery] public Guid? Draft { get; set; }
    [FromQuery] public string? Imported { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Purpose { get; set; }

    public TemplateFile Template { get; private set; } = null!;
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is { } missing) return missing;
        return Draft is { } id && id != Guid.Empty ? Page() : LocalRedirect($"/templates/{Uri.EscapeDataString(TemplateId)}?draft={Guid.CreateVersion7()}"
            + (Imported is "new" or "again" ? $"&imported={Imported}" : ""));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is { } missing) return missing;
        var command = new FormAlliance(Draft is { } id && id != Guid.Empty ? id : Guid.CreateVersion7(), Name, null, Purpose, TemplateId);
        var outcome = await FormAllianceUseCase.RunAsync(command, ActingSubject.Of(User)!, ActingSubject.DisplayNameOf(User), starter, store, clock, ct);
        switch (outcome)
        {
            case { SavedId: { } formed }:
                return LocalRedirect($"/alliances/{formed}");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => field == "sharedPurpose" ? nameof(Purpose) : nameof(Name),
                    (field, message) => !message.StartsWith("Required", StringComparison.Ordinal) ? message
                        : field == "sharedPurpose" ? "Write what the alliance is for." : "Write the alliance's name.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                Refusal = outcome is Outcome.Conflict conflict ? conflict.Detail : "The alliance could not be formed.";
                Response.StatusCode = outcome is Outcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private async Task<IActionResult?> FindAsync(CancellationToken ct)
    {
        if (await TemplateLibrary.FindAsync(store, TemplateId, ct) is { } template)
        {
            Template = template;
            return null;
        }
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Partial("_Refused", new Refusal("Not found", "There is no template with this name here."));
    }
}
