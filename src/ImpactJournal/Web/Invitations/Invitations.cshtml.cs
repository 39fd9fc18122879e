using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Invitations;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>The invitations a member may act on, with how many residents each gathered; revoke one.</summary>
public sealed class InvitationsModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    public IReadOnlyList<InvitationItem> Invitations { get; private set; } = [];

    [FromQuery] public string? Done { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        var outcome = await RevokeInvitationUseCase.RunAsync(invitationId, Acting, store, ct);
        if (outcome is Outcome.Saved) return LocalRedirect($"/alliances/{AllianceId}/invitations?done=revoked");
        if (RefusalPage(outcome) is { } refusal) return refusal;
        Problem = Explain(outcome);
        Response.StatusCode = StatusOf(outcome);
        await LoadAsync(ct);
        return Page();
    }

    public string PartnerName(Guid partnerId) => Alliance.PartnerById(partnerId)?.Name ?? "a former partner";

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        var today = Words.Today(clock);
        Invitations = [.. (await ReadInvitations.VisibleToAsync(session, Member, ct)).Select(i => ReadInvitations.ItemOf(i, today))];
    }
}
