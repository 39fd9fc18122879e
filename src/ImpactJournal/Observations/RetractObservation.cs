using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Observations;

public sealed record RetractObservation(string? Reason);

public static class RetractObservationEndpoint
{
    public static ProblemDetails Validate(RetractObservation? command) => command is null
        ? Validation.MissingBody()
        : new Validation().Text("reason", command.Reason, ObservationLimits.Reason).ToProblem();

    /// <summary>Retract an observation: kept in its history, gone from lists and counts. Retracting again changes nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/retraction", OperationId = "retractObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static (IResult, Events) Post(RetractObservation command, [WriteAggregate("observationId")] Observation observation, HttpContext http)
    {
        if (observation.Retracted && observation.MayBeChangedBy(CurrentMember.Of(http)))
            return (Results.Ok(new { observation.Id, retracted = true }), []);
        if (ObservationChange.Refusal(observation, CurrentMember.Of(http)) is { } refusal) return (refusal, []);

        return (Results.Ok(new { observation.Id, retracted = true }), [Decide(command)]);
    }

    public static ObservationRetracted Decide(RetractObservation command) => new(command.Reason!.Trim());
}
