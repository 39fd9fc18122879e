using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>Open a round of check-ins for a period (stewards). The form's id travels in its address, so a resubmit opens one round.</summary>
public sealed class OpenCheckInModel(AllianceDirectory directory, IDocumentStore store, StreamStarter starter) : AlliancePage(directory)
{
    [FromQuery] public Guid? Draft { get; set; }
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? PeriodStart { get; set; }
    [BindProperty] public string? PeriodEnd { get; set; }

    public bool AlreadySavedDifferently { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        if (RedirectToNewDraft(Draft) is { } redirect) return redirect;
        Id = Draft!.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        if (Id == Guid.Empty) Id = Guid.CreateVersion7();
        var (start, end) = (FormValues.Date(PeriodStart), FormValues.Date(PeriodEnd));
        if (!string.IsNullOrWhiteSpace(PeriodStart) && start is null) ModelState.AddModelError(nameof(PeriodStart), "A date, like 01/04/2026.");
        if (!string.IsNullOrWhiteSpace(PeriodEnd) && end is null) ModelState.AddModelError(nameof(PeriodEnd), "A date, like 30/06/2026.");
        var command = new OpenCheckInRound(Id, Title, start, end);
        if (OpenCheckInRoundEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
            ModelState.AddAll(invalid.Errors, field => char.ToUpperInvariant(field[0]) + field[1..],
                (field, message) => message.StartsWith("Required", StringComparison.Ordinal) ? field switch
                {
                    "title" => "Give the round a title, like \"Spring 2026 check-in\".",
                    "periodStart" => "Say when the period it asks about starts.",
                    _ => "Say when the period it asks about ends."
                } : message.Replace("periodStart", "the start"));
        if (!ModelState.IsValid) return Invalid();

        var opened = new CheckInRoundOpened(Id, command.Title!.Trim(), start!.Value, end!.Value);
        var answer = await IdempotentCreate.StartStreamAsync<CheckInRound, CheckInRoundOpened>(starter, store, AllianceId, Id, opened, Subject,
            (a, b) => a.SameAs(b), "", ct);
        if (answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status409Conflict })
        {
            AlreadySavedDifferently = true;
            return Page();
        }
        return LocalRedirect($"/alliances/{AllianceId}/check-ins/{Id}/summary?done=opened");
    }
}
