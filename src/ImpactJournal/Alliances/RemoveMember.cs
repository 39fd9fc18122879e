using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

/// <summary>Removing a member: the one implementation behind the API and the members page.</summary>
public static class RemoveMemberUseCase
{
    /// <summary>The member removed; an alliance always keeps at least one steward, and a steward does not remove themself.</summary>
    public static Decision Decide(string subject, string actingSubject, Alliance alliance)
    {
        var member = alliance.MemberBySubject(subject);
        if (member is null) return new Outcome.NotFound("No such member of this alliance.");
        if (member.Role == AllianceRole.Steward && alliance.StewardCount == 1)
            return new Outcome.Conflict("The last steward cannot be removed", "Add another steward before removing this one.");
        if (subject == actingSubject)
            return new Outcome.Conflict("You cannot remove yourself", "Ask another steward to remove you, so that nobody loses their own access by mistake.");
        return Decision.Append(Outcome.Changed(alliance.Id, $"/api/alliances/{alliance.Id}/members", null), new MemberRemoved(subject));
    }

    public static Task<Outcome> RunAsync(string subject, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync("RemoveMember", acting, () => AllianceChange.ApplyAsync(store, acting, alliance => Decide(subject, acting.Subject, alliance), ct));
}

public static class RemoveMemberEndpoint
{
    /// <summary>
    /// Remove a member. An alliance always keeps at least one steward, and a steward cannot remove themself
    /// (409 "You cannot remove yourself": another steward does it). Undo by adding them again with the same role.
    /// </summary>
    [WolverineDelete(AllianceRoute.Prefix + "/members/{subject}", OperationId = "removeMember", Summary = "Remove a member; the last steward stays, and a steward cannot remove themself (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Delete(string subject, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await RemoveMemberUseCase.RunAsync(subject, ActingMember.Of(http), store, ct)).ToHttp();
}
