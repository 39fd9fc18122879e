using ImpactJournal.Access;
using ImpactJournal.Alliances;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Invitations;

/// <summary>An invitation as members see it: what for, until when, and how many it gathered. Never its link.</summary>
public sealed record InvitationItem(Guid Id, string Purpose, InvitationKind Kind, Guid? CheckInId, DateOnly ExpiresOn, int MaxUses, int Uses,
    string Status, Guid PartnerId, DateTimeOffset MadeAt);

public static class ReadInvitations
{
    /// <summary>The invitations a member may see, newest first: a partner's members see their own organisation's.</summary>
    public static async Task<IReadOnlyList<Invitation>> VisibleToAsync(IQuerySession session, Member member, CancellationToken ct)
    {
        var query = session.Query<Invitation>();
        var invitations = member.Role == AllianceRole.Partner
            ? await query.Where(i => i.PartnerId == member.PartnerId).ToListAsync(ct)
            : await query.ToListAsync(ct);
        return [.. invitations.OrderByDescending(i => i.MadeAt)];
    }

    public static InvitationItem ItemOf(Invitation i, DateOnly today) =>
        new(i.Id, i.Purpose, i.Kind, i.CheckInId, i.ExpiresOn, i.MaxUses, i.Uses, i.StatusOn(today), i.PartnerId, i.MadeAt);
}

public static class ReadInvitationsEndpoint
{
    /// <summary>
    /// The invitations you may act on, newest first, each with its status (open, expired, revoked, used up) and how many
    /// residents used it. A partner's members see their own organisation's. Links are not listed: they are shown once.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/invitations", OperationId = "listInvitations")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [ProducesResponseType<IReadOnlyList<InvitationItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var today = Web.Words.Today(clock);
        var invitations = await ReadInvitations.VisibleToAsync(session, CurrentMember.Of(http), ct);
        return Results.Ok(invitations.Select(i => ReadInvitations.ItemOf(i, today)));
    }
}
