using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Alliances;

public sealed record AddMember(string? Subject, string? DisplayName, AllianceRole? Role, Guid? PartnerId);

public static class AddMemberEndpoint
{
    public static ProblemDetails Validate(AddMember? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation()
            .Text("subject", command.Subject, AllianceLimits.Subject)
            .Text("displayName", command.DisplayName, AllianceLimits.Name)
            .Defined("role", command.Role)
            .NotEmpty("partnerId", command.PartnerId);
        if (command.Role == AllianceRole.Partner && command.PartnerId is null)
            validation.Add("partnerId", "Required for the partner role.");
        return validation.ToProblem();
    }

    [WolverinePost(AllianceRoute.Prefix + "/members", OperationId = "addMember", Summary = "Add a member with a role (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static (IResult, Events) Post(AddMember command, [WriteAggregate(AllianceRoute.AllianceId)] Alliance alliance)
    {
        var added = new MemberAdded(command.Subject!.Trim(), command.DisplayName!.Trim(), command.Role!.Value, command.PartnerId);
        var location = $"/api/alliances/{alliance.Id}/members/{Uri.EscapeDataString(added.Subject)}";

        if (added.PartnerId is { } partnerId && alliance.PartnerById(partnerId) is null)
        {
            return (Results.Problem(new Validation().Add("partnerId", "Not a partner of this alliance.").ToProblem()), []);
        }

        var existing = alliance.MemberBySubject(added.Subject);
        if (existing is not null)
        {
            return (existing == new Member(added.Subject, added.DisplayName, added.Role, added.PartnerId)
                ? new MemberAlreadyAdded(location, existing)
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a member",
                    detail: $"{added.Subject} is already a member of this alliance with a different role or details."), []);
        }

        return (TypedResults.Created(location, ToMember(added)), [added]);
    }

    private static Member ToMember(MemberAdded added) => new(added.Subject, added.DisplayName, added.Role, added.PartnerId);

    private sealed class MemberAlreadyAdded(string location, Member member) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.Location = location;
            return TypedResults.Ok(member).ExecuteAsync(http);
        }
    }
}
