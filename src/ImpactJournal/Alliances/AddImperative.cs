using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Alliances;

/// <summary>A relational commitment the partners sign up to.</summary>
public sealed record AddImperative(Guid? Id, string? Text);

public static class AddImperativeEndpoint
{
    public static ProblemDetails Validate(AddImperative? command) => command is null
        ? Validation.MissingBody()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("text", command.Text, AllianceLimits.Text)
            .ToProblem();

    [WolverinePost(AllianceRoute.Prefix + "/imperatives", OperationId = "addImperative", Summary = "Add a relational commitment (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static (IResult, Events) Post(AddImperative command, [WriteAggregate(AllianceRoute.AllianceId)] Alliance alliance)
    {
        var added = new ImperativeAdded(command.Id ?? Guid.CreateVersion7(), command.Text!.Trim());
        var location = $"/api/alliances/{alliance.Id}/imperatives/{added.ImperativeId}";

        var existing = alliance.Imperatives.FirstOrDefault(i => i.Id == added.ImperativeId);
        var answer = ResourceCreated.ForPart(existing is not null, existing?.Text == added.Text, location, added.ImperativeId);
        return existing is null ? (answer, [added]) : (answer, []);
    }
}
