using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.CheckIns;

/// <summary>Closing takes nothing but the request; an empty JSON object (or no body at all) will do.</summary>
public sealed record CloseCheckInRound;

public static class CloseCheckInRoundEndpoint
{
    /// <summary>Close the round (stewards): its answers are final. Closing a closed round changes nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/close", OperationId = "closeCheckInRound")]
    [Authorize(Policy = AllianceAccess.Steward)]
    [OptionalBody]
    public static (IResult, Events) Post(CloseCheckInRound? command, Guid allianceId, [WriteAggregate("checkInId", LoadStyle = ConcurrencyStyle.Exclusive)] CheckInRound round)
    {
        Events closing = round.Closed ? [] : [new CheckInRoundClosed(round.Id)];
        return (Results.Ok(new { id = round.Id, status = "closed" }), closing);
    }
}
