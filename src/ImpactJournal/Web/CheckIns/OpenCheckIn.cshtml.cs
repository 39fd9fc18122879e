using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
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
        Title ??= Alliance.CheckIn?.RoundTitle;
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

        var outcome = await OpenCheckInRoundUseCase.RunAsync(command, Acting, starter, store, ct);
        switch (outcome)
        {
            case { SavedId: { } saved }:
                return LocalRedirect($"/alliances/{AllianceId}/check-ins/{saved}/summary?done=opened");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => char.ToUpperInvariant(field[0]) + field[1..], PlainWords);
                return Invalid();
            case Outcome.Conflict:
                AlreadySavedDifferently = true;
                return Page();
            default:
                return RefusalPage(outcome)!;
        }
    }

    private static string PlainWords(string field, string message) => message.StartsWith("Required", StringComparison.Ordinal) ? field switch
    {
        "title" => "Give the round a title, like \"Spring 2026 check-in\".",
        "periodStart" => "Say when the period it asks about starts.",
        _ => "Say when the period it asks about ends."
    } : message.Replace("periodStart", "the start");
}
