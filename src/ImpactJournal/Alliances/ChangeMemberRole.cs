using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

/// <summary>A member's new role; a partner-role member belongs to one of the alliance's partner organisations.</summary>
public sealed record ChangeMemberRole(AllianceRole? Role, Guid? PartnerId);

/// <summary>Changing a member's role: the one implementation behind the API and the members page.</summary>
public static class ChangeMemberRoleUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(ChangeMemberRole? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation().MemberRole("role", command.Role).NotEmpty("partnerId", command.PartnerId);
        if (command.Role == AllianceRole.Partner && command.PartnerId is null)
            validation.Add("partnerId", "Required for the partner role.");
        return validation.ToErrors();
    }

    /// <summary>
    /// The member with their new role. The same role again changes nothing; an alliance always keeps one steward, and a
    /// steward does not change their own role (another steward does), so nobody loses their own access by mistake.
    /// </summary>
    public static Decision Decide(string subject, ChangeMemberRole command, string actingSubject, Alliance alliance)
    {
        var member = alliance.MemberBySubject(subject);
        if (member is null) return new Outcome.NotFound("No such member of this alliance.");
        var changed = member with { Role = command.Role!.Value, PartnerId = command.Role == AllianceRole.Partner ? command.PartnerId : null };
        if (changed.PartnerId is { } partnerId && alliance.PartnerById(partnerId) is null)
            return Outcome.InvalidField("partnerId", "Not a partner of this alliance.");

        var location = $"/api/alliances/{alliance.Id}/members/{Uri.EscapeDataString(subject)}";
        if (changed == member) return Outcome.Changed(alliance.Id, location, member);
        if (member.Role == AllianceRole.Steward && changed.Role != AllianceRole.Steward && alliance.StewardCount == 1)
            return new Outcome.Conflict("The last steward keeps their role", "Make someone else a steward before changing this one's role.");
        if (subject == actingSubject)
            return new Outcome.Conflict("You cannot change your own role", "Ask another steward to change your role.");
        return Decision.Append(Outcome.Changed(alliance.Id, location, changed), new MemberRoleChanged(subject, changed.Role, changed.PartnerId));
    }

    public static Task<Outcome> RunAsync(string subject, ChangeMemberRole? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(ChangeMemberRole), acting, async () =>
            UseCase.Refusal(Validate(command)) ?? await AllianceChange.ApplyAsync(store, acting, alliance => Decide(subject, command!, acting.Subject, alliance), ct));
}

public static class ChangeMemberRoleEndpoint
{
    /// <summary>
    /// Change a member's role (and, for the partner role, their partner organisation). The same role again changes nothing.
    /// The last steward keeps their role, and a steward cannot change their own (409).
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/members/{subject}/role", OperationId = "changeMemberRole", Summary = "Change a member's role; the last steward stays, and a steward cannot change their own (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    [ProducesResponseType<Member>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Put(string subject, ChangeMemberRole command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await ChangeMemberRoleUseCase.RunAsync(subject, command, ActingMember.Of(http), store, ct)).ToHttp();
}
