using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The steward's list of members: add someone with a role (a partner-role member belongs to a partner
/// organisation), change someone's role, remove someone after asking (the last steward stays; nobody removes themself)
/// with an undo. The same use cases as the API's.
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

    [BindProperty]
    public AllianceRole? Role { get; set; }

    [BindProperty]
    public Guid? PartnerId { get; set; }

    /// <summary>The change just made, by its place in the alliance's stream (see <see cref="MemberChange"/>).</summary>
    [FromQuery]
    public long? Change { get; set; }

    public MemberChange? Confirmed { get; private set; }

    /// <summary>Whose role form to open again with its errors.</summary>
    public string? RoleFormOf { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        if (Change is { } version) Confirmed = await MemberChange.AtAsync(store, AllianceId, version, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        var command = new AddMember(NewSubject, NewName, NewRole, NewRole == AllianceRole.Partner ? NewPartnerId : null);
        return await AnswerAsync(await AddMemberUseCase.RunAsync(command, Acting, store, ct), command.Subject?.Trim(), ct,
            field => field switch { "subject" => nameof(NewSubject), "displayName" => nameof(NewName), "role" => nameof(NewRole), _ => nameof(NewPartnerId) });
    }

    public async Task<IActionResult> OnPostRoleAsync(string subject, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        RoleFormOf = subject;
        var command = new ChangeMemberRole(Role, Role == AllianceRole.Partner ? PartnerId : null);
        return await AnswerAsync(await ChangeMemberRoleUseCase.RunAsync(subject, command, Acting, store, ct), subject, ct,
            field => field == "role" ? nameof(Role) : nameof(PartnerId));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string subject, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return await AnswerAsync(await RemoveMemberUseCase.RunAsync(subject, Acting, store, ct), subject, ct, field => field);
    }

    /// <summary>Saved: back to the list saying what changed. Refused: the list again with the form's errors, or the refusal in its words.</summary>
    private async Task<IActionResult> AnswerAsync(Outcome outcome, string? subject, CancellationToken ct, Func<string, string> fieldOf)
    {
        switch (outcome)
        {
            case { SavedId: not null }:
                var change = subject is null ? null : await MemberChange.LatestAsync(store, AllianceId, subject, ct);
                return LocalRedirect($"/alliances/{AllianceId}/members{(change is null ? "" : $"?change={change}")}");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, fieldOf,
                    (field, message) => field == "partnerId" && message.StartsWith("Required", StringComparison.Ordinal) ? "Choose the partner organisation this person works for." : message);
                return Invalid();
            default:
                Refusal = Explain(outcome);
                Response.StatusCode = StatusOf(outcome);
                return Page();
        }
    }
}
