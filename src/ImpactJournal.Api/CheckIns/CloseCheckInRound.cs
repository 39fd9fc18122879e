using ImpactJournal.Access;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.CheckIns;

public static class CloseCheckInRoundEndpoint
{
    /// <summary>Close the round (stewards): its answers are final. Closing a closed round changes nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/close", OperationId = "closeCheckInRound")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static (IResult, Events) Post(Guid allianceId, [WriteAggregate("checkInId", LoadStyle = ConcurrencyStyle.Exclusive)] CheckInRound round) =>
        round.Closed
            ? (Results.Ok(new { id = round.Id, status = "closed" }), [])
            : (Results.Ok(new { id = round.Id, status = "closed" }), [new CheckInRoundClosed(round.Id)]);
}
