using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>Start a ripple map around one focus: the intervention at its centre (facilitators and stewards).</summary>
public sealed class StartMapModel(AllianceDirectory directory, IDocumentStore store, StreamStarter starter) : AlliancePage(directory)
{
    [FromQuery] public Guid? Draft { get; set; }
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public string? Focus { get; set; }
    [BindProperty] public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        if (RedirectToNewDraft(Draft) is { } redirect) return redirect;
        Id = Draft!.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        if (Id == Guid.Empty) Id = Guid.CreateVersion7();
        var outcome = await StartRippleMapUseCase.RunAsync(new StartRippleMap(Id, Focus, Description), Acting, starter, store, ct);
        switch (outcome)
        {
            case { SavedId: { } saved }:
                return LocalRedirect($"/alliances/{AllianceId}/maps/{saved}/board");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => char.ToUpperInvariant(field[0]) + field[1..],
                    (field, message) => field == "focus" && message.StartsWith("Required", StringComparison.Ordinal)
                        ? "Name the intervention the map is about." : message);
                return Invalid();
            case Outcome.Conflict:
                ModelState.AddModelError("Focus", "This form started a map already, with other words. Open it from the ripple maps.");
                return Invalid();
            default:
                return RefusalPage(outcome)!;
        }
    }
}
