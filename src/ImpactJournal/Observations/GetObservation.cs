using ImpactJournal.Access;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public static class GetObservationEndpoint
{
    /// <summary>One observation as it stands, with its amendment history (retracted ones too).</summary>
    [WolverineGet(AllianceRoute.Prefix + "/observations/{observationId:guid}", OperationId = "getObservation")]
    public static async Task<Results<Ok<Observation>, Ok<WithdrawnRecord>, NotFound>> Get(
        Guid observationId, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        ConsentedRead.Answer(await session.Events.AggregateStreamAsync<Observation>(observationId, token: ct), CurrentMember.Of(http).Role, clock);
}
