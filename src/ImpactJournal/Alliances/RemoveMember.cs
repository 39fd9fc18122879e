using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

/// <summary>Removing a member: the one implementation behind the API and the members page.</summary>
public static class RemoveMemberUseCase
{
    /// <summary>The member removed; an alliance always keeps at least one steward.</summary>
    public static Decision Decide(string subject, Alliance alliance)
    {
        var member = alliance.MemberBySubject(subject);
        if (member is null) return new Outcome.NotFound("No such member of this alliance.");
        if (member.Role == AllianceRole.Steward && alliance.StewardCount == 1)
            return new Outcome.Conflict("The last steward cannot be removed", "Add another steward before removing this one.");
        return Decision.Append(Outcome.Changed(alliance.Id, $"/api/alliances/{alliance.Id}/members", null), new MemberRemoved(subject));
    }

    public static Task<Outcome> RunAsync(string subject, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync("RemoveMember", acting, () => AllianceChange.ApplyAsync(store, acting, alliance => Decide(subject, alliance), ct));
}

public static class RemoveMemberEndpoint
{
    /// <summary>Remove a member. An alliance always keeps at least one steward.</summary>
    [WolverineDelete(AllianceRoute.Prefix + "/members/{subject}", OperationId = "removeMember", Summary = "Remove a member; the last steward stays (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Delete(string subject, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await RemoveMemberUseCase.RunAsync(subject, ActingMember.Of(http), store, ct)).ToHttp();
}
