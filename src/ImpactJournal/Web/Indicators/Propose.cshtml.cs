using ImpactJournal.Access;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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
        if (ProposeIndicatorEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
        {
            ModelState.AddAll(invalid.Errors, field => char.ToUpperInvariant(field[0]) + field[1..],
                (field, message) => message.StartsWith("Required", StringComparison.Ordinal) ? field switch
                {
                    "name" => "Give the indicator a short name.",
                    "question" => "Write the question a reading answers.",
                    "unit" => "Choose what a reading is.",
                    "method" => "Say how a reading is taken.",
                    _ => "Say who proposed it."
                } : message);
            return Invalid();
        }
        var answer = await ProposeIndicatorEndpoint.StartAsync(command, AllianceId, Subject, starter, store, ct);
        if (answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status409Conflict })
        {
            AlreadySavedDifferently = true;
            return Page();
        }
        return LocalRedirect($"/alliances/{AllianceId}/indicators/{Id}?done=proposed");
    }
}
