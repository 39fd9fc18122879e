using ImpactJournal.Access;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>Propose a cornerstone indicator: the question, its unit and method, who proposed it and what success would look like.</summary>
public sealed class ProposeModel(AllianceDirectory directory, IDocumentStore store, StreamStarter starter) : AlliancePage(directory)
{
    [FromQuery]
    public Guid? Draft { get; set; }

    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public IndicatorUnit? Unit { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? ProposedBy { get; set; }
    [BindProperty] public string? NarrativeOfSuccess { get; set; }

    public bool AlreadySavedDifferently { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (RedirectToNewDraft(Draft) is { } redirect) return redirect;
        var draft = Draft!.Value;
        Id = draft;
        ProposedBy = Member.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (Id == Guid.Empty) Id = Guid.CreateVersion7();
        var command = new ProposeIndicator(Id, Name, Question, Unit, Method, ProposedBy, NarrativeOfSuccess);
        var outcome = await ProposeIndicatorUseCase.RunAsync(command, Acting, starter, store, ct);
        switch (outcome)
        {
            case { SavedId: { } saved }:
                return LocalRedirect($"/alliances/{AllianceId}/indicators/{saved}?done=proposed");
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

    /// <summary>What a missing answer means on this form, in the words of the form rather than the API's.</summary>
    private static string PlainWords(string field, string message) => !message.StartsWith("Required", StringComparison.Ordinal) ? message : field switch
    {
        "name" => "Give the indicator a short name.",
        "question" => "Write the question a reading answers.",
        "unit" => "Choose what a reading is.",
        "method" => "Say how a reading is taken.",
        _ => "Say who proposed it."
    };
}
