using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The steward's list of members: add someone with a role (a partner-role member belongs to a partner
/// organisation), remove someone (the last steward stays). The same use cases as the API's.
/// </summary>
public sealed class MembersModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    [BindProperty]
    public string? NewSubject { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public AllianceRole? NewRole { get; set; }

    [BindProperty]
    public Guid? NewPartnerId { get; set; }

    [FromQuery]
    public string? Done { get; set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await EnterAsync(AllianceRole.Steward) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        var command = new AddMember(NewSubject, NewName, NewRole, NewRole == AllianceRole.Partner ? NewPartnerId : null);
        return Answer(await AddMemberUseCase.RunAsync(command, Acting, store, ct), "added");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string subject, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return Answer(await RemoveMemberUseCase.RunAsync(subject, Acting, store, ct), "removed");
    }

    /// <summary>Saved: back to the list saying so. Refused: the list again with the form's errors, or the refusal in its words.</summary>
    private IActionResult Answer(Outcome outcome, string done)
    {
        switch (outcome)
        {
            case { SavedId: not null }:
                return LocalRedirect($"/alliances/{AllianceId}/members?done={done}");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors,
                    field => field switch { "subject" => nameof(NewSubject), "displayName" => nameof(NewName), "role" => nameof(NewRole), _ => nameof(NewPartnerId) },
                    (field, message) => field == "partnerId" && message.StartsWith("Required", StringComparison.Ordinal) ? "Choose the partner organisation this person works for." : message);
                return Invalid();
            default:
                Refusal = Explain(outcome);
                Response.StatusCode = StatusOf(outcome);
                return Page();
        }
    }
}
