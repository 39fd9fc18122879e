using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Observations;

public static class WithdrawObservationConsentEndpoint
{
    public static ProblemDetails Validate(WithdrawConsent? command) => WithdrawConsent.Check(command);

    /// <summary>
    /// Withdraw consent: the observation's text, place and themes are erased from the stored
    /// events and every read model; an ObservationConsentWithdrawn event records who asked and when.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/consent-withdrawal", OperationId = "withdrawObservationConsent")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [OptionalBody]
    public static Task<(IResult, Events, IMartenOp)> Post(WithdrawConsent? command, [WriteAggregate("observationId")] Observation observation,
        Guid allianceId, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        ConsentWithdrawals.WithdrawAsync(store, allianceId, observation.Id, EvidenceKind.Observation, observation.WithdrawnAt,
            observation.MayBeChangedBy(CurrentMember.Of(http)), ActingSubject.Of(http.User), clock, ct);
}
