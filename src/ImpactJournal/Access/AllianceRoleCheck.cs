using ImpactJournal.Alliances;
using Microsoft.AspNetCore.Authorization;

namespace ImpactJournal.Access;

/// <summary>
/// The one place alliance roles are enforced: loads the caller's membership of the alliance named
/// by the route and checks it against the endpoint's policy. A non-member is told the alliance does
/// not exist (404), so its existence is never revealed; a member with the wrong role gets 403.
/// </summary>
public sealed class AllianceRoleCheck(AllianceDirectory directory) : AuthorizationHandler<AllianceRoleRequirement>
{
    public const string NotAMember = "not-a-member";
    public const string RoleNotAllowed = "role-not-allowed";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AllianceRoleRequirement requirement)
    {
        if (context.Resource is not HttpContext http) return;
        var allianceId = AllianceRoute.AllianceIdOf(http);
        var subject = ActingSubject.Of(context.User);
        if (allianceId is null || subject is null)
        {
            context.Fail(new AuthorizationFailureReason(this, NotAMember));
            return;
        }

        var member = await CurrentMember.LoadAsync(http, directory, allianceId.Value, subject);
        if (member is null)
        {
            context.Fail(new AuthorizationFailureReason(this, NotAMember));
        }
        else if (!requirement.Allowed.Contains(member.Role))
        {
            context.Fail(new AuthorizationFailureReason(this, RoleNotAllowed));
        }
        else
        {
            context.Succeed(requirement);
        }
    }
}
