using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Invitations;

/// <summary>Revoking an invitation: its link opens nothing from now on. Behind the API's endpoint and the invitations page.</summary>
public static class RevokeInvitationUseCase
{
    /// <summary>The inviting partner's members, facilitators and stewards revoke; revoking a revoked invitation changes nothing.</summary>
    public static Decision Decide(Invitation invitation, Member member, string location)
    {
        if (!invitation.MayBeChangedBy(member)) return new Outcome.Forbidden("Partners act only on their own organisation's invitations.");
        var revoked = Outcome.Changed(invitation.Id, location, null);
        return invitation.RevokedAt is not null ? revoked : Decision.Append(revoked, new InvitationRevoked());
    }

    public static Task<Outcome> RunAsync(Guid invitationId, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync("RevokeInvitation", acting, () =>
            UseCase.ChangeStreamAsync<Invitation>(store, acting, invitationId, oneWriterAtATime: true, InvitationConfiguration.NoSuchInvitation,
                invitation => Decide(invitation, acting.Member, InvitationConfiguration.Location(acting.AllianceId, invitationId)), ct));
}

public static class RevokeInvitationEndpoint
{
    /// <summary>Revoke an invitation: its link opens nothing from now on, and says no more than an unknown link does. What it gathered stays.</summary>
    [WolverineDelete(AllianceRoute.Prefix + "/invitations/{invitationId:guid}", OperationId = "revokeInvitation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Delete(Guid invitationId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await RevokeInvitationUseCase.RunAsync(invitationId, ActingMember.Of(http), store, ct)).ToHttp();
}
