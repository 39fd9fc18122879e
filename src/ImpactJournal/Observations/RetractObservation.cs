using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public sealed record RetractObservation(string? Reason);

/// <summary>Retracting an observation: the one implementation behind the API's endpoint and the entry page's "Retract".</summary>
public static class RetractObservationUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(RetractObservation? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().Text("reason", command.Reason, ObservationLimits.Reason).ToErrors();

    /// <summary>The retraction, or the refusal; retracting again (by someone who may) changes nothing and is no refusal.</summary>
    public static Decision Decide(RetractObservation command, Observation observation, ActingMember acting)
    {
        var retracted = Outcome.Changed(observation.Id, ObservationChange.Location(acting, observation.Id), new { observation.Id, retracted = true });
        if (observation.Retracted && observation.MayBeChangedBy(acting.Member)) return new Decision(retracted, []);
        if (ObservationChange.Refusal(observation, acting.Member) is { } refusal) return refusal;
        return Decision.Append(retracted, new ObservationRetracted(command.Reason!.Trim()));
    }

    public static Task<Outcome> RunAsync(Guid observationId, RetractObservation? command, ActingMember acting, IDocumentStore store,
        CancellationToken ct) => ObservationChange.RunAsync(nameof(RetractObservation), observationId, Validate(command), acting, store,
        observation => Decide(command!, observation, acting), ct);
}

public static class RetractObservationEndpoint
{
    /// <summary>Retract an observation: kept in its history, gone from lists and counts. Retracting again changes nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/retraction", OperationId = "retractObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(Guid observationId, RetractObservation command, HttpContext http, IDocumentStore store,
        CancellationToken ct) =>
        (await RetractObservationUseCase.RunAsync(observationId, command, ActingMember.Of(http), store, ct)).ToHttp();
}
