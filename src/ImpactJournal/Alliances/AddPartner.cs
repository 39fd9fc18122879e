using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Alliances;

public sealed record AddPartner(Guid? Id, string? Name, PartnerKind? Kind);

public static class AddPartnerEndpoint
{
    public static ProblemDetails Validate(AddPartner? command) => command is null
        ? Validation.MissingBody()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("name", command.Name, AllianceLimits.Name)
            .Defined("kind", command.Kind)
            .ToProblem();

    [WolverinePost(AllianceRoute.Prefix + "/partners", OperationId = "addPartner", Summary = "Add a partner organisation (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static (IResult, Events) Post(AddPartner command, [WriteAggregate(AllianceRoute.AllianceId)] Alliance alliance)
    {
        var added = new PartnerAdded(command.Id ?? Guid.CreateVersion7(), command.Name!.Trim(), command.Kind!.Value);
        var location = $"/api/alliances/{alliance.Id}/partners/{added.PartnerId}";

        var existing = alliance.PartnerById(added.PartnerId);
        var answer = ResourceCreated.ForPart(existing is not null, existing == new Partner(added.PartnerId, added.Name, added.Kind),
            location, added.PartnerId);
        return existing is null ? (answer, [added]) : (answer, []);
    }
}
