using ImpactJournal.Access;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Alliances;

public static class RemoveMemberEndpoint
{
    /// <summary>Remove a member. An alliance always keeps at least one steward.</summary>
    [WolverineDelete(AllianceRoute.Prefix + "/members/{subject}", OperationId = "removeMember", Summary = "Remove a member; the last steward stays (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static (IResult, Events) Delete(string subject, [WriteAggregate(AllianceRoute.AllianceId)] Alliance alliance)
    {
        var member = alliance.MemberBySubject(subject);
        if (member is null)
        {
            return (Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: "No such member of this alliance."), []);
        }

        if (member.Role == AllianceRole.Steward && alliance.StewardCount == 1)
        {
            return (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The last steward cannot be removed",
                detail: "Add another steward before removing this one."), []);
        }

        return (Results.NoContent(), [new MemberRemoved(subject)]);
    }
}
