using ImpactJournal.Access;
using ImpactJournal.Alliances;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The steward's list of members: add someone with a role (a partner-role member belongs to a partner
/// organisation), remove someone (the last steward stays). The API's own validation and decisions,
/// applied to the alliance's stream with the same optimistic concurrency.
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
        if (AddMemberEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
                ModelState.AddModelError(field switch { "subject" => nameof(NewSubject), "displayName" => nameof(NewName), "role" => nameof(NewRole), _ => nameof(NewPartnerId) },
                    field == "partnerId" && messages.Any(m => m.StartsWith("Required", StringComparison.Ordinal)) ? "Choose the partner organisation this person works for." : string.Join(" ", messages));
            return Invalid();
        }
        return await ApplyAsync(alliance => AddMemberEndpoint.Post(command, alliance), "added", ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string subject, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return await ApplyAsync(alliance => RemoveMemberEndpoint.Delete(subject, alliance), "removed", ct);
    }

    private async Task<IActionResult> ApplyAsync(Func<Alliance, (IResult Answer, Wolverine.Marten.Events Events)> decide, string done, CancellationToken ct)
    {
        Refusal = await ApplyToAllianceAsync(store, decide, ct);
        return Refusal is null ? LocalRedirect($"/alliances/{AllianceId}/members?done={done}") : Invalid();
    }
}
