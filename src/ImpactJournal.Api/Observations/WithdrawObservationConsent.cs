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
    /// <remarks>
    /// The erasure runs before the audit event is appended: should the process die in between, the
    /// content is already gone and a retry of the request appends the audit.
    /// </remarks>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/consent-withdrawal", OperationId = "withdrawObservationConsent")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [OptionalBody]
    public static async Task<(IResult, Events)> Post(WithdrawConsent? command, [WriteAggregate("observationId")] Observation observation,
        Guid allianceId, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (!observation.MayBeChangedBy(CurrentMember.Of(http)))
            return (Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this",
                detail: "Partners act only on their own organisation's observations."), []);

        await ConsentErasure.EraseStreamAsync(store, allianceId, observation.Id, ct);
        var answer = Results.Ok(new WithdrawnRecord(observation.Id, observation.WithdrawnAt));
        return observation.Withdrawn
            ? (answer, [])
            : (answer, [new ObservationConsentWithdrawn(string.IsNullOrWhiteSpace(command?.Reason) ? null : command.Reason.Trim())]);
    }
}
