using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

public sealed record AddMember(string? Subject, string? DisplayName, AllianceRole? Role, Guid? PartnerId);

/// <summary>Adding a member with a role: the one implementation behind the API and the members page.</summary>
public static class AddMemberUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AddMember? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .Text("subject", command.Subject, AllianceLimits.Subject)
            .Text("displayName", command.DisplayName, AllianceLimits.Name)
            .MemberRole("role", command.Role)
            .NotEmpty("partnerId", command.PartnerId);
        if (command.Role == AllianceRole.Partner && command.PartnerId is null)
            validation.Add("partnerId", "Required for the partner role.");
        return validation.ToErrors();
    }

    /// <summary>The member added; the same member again is already there (answered with the member), different details a conflict.</summary>
    public static Decision Decide(AddMember command, Alliance alliance)
    {
        var member = new Member(command.Subject!.Trim(), command.DisplayName!.Trim(), command.Role!.Value, command.PartnerId);
        var location = $"/api/alliances/{alliance.Id}/members/{Uri.EscapeDataString(member.Subject)}";
        if (member.PartnerId is { } partnerId && alliance.PartnerById(partnerId) is null)
            return Outcome.InvalidField("partnerId", "Not a partner of this alliance.");

        var existing = alliance.MemberBySubject(member.Subject);
        if (existing is null)
            return Decision.Append(Outcome.Created(alliance.Id, location, member),
                new MemberAdded(member.Subject, member.DisplayName, member.Role, member.PartnerId));
        return existing == member
            ? Outcome.Retried(alliance.Id, location, existing)
            : new Outcome.Conflict("Already a member", $"{member.Subject} is already a member of this alliance with a different role or details.");
    }

    public static Task<Outcome> RunAsync(AddMember? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(AddMember), acting, async () =>
            UseCase.Refusal(Validate(command)) ?? await AllianceChange.ApplyAsync(store, acting, alliance => Decide(command!, alliance), ct));
}

public static class AddMemberEndpoint
{
    [WolverinePost(AllianceRoute.Prefix + "/members", OperationId = "addMember", Summary = "Add a member with a role (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    [ProducesResponseType<Member>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(AddMember command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await AddMemberUseCase.RunAsync(command, ActingMember.Of(http), store, ct)).ToHttp();
}
