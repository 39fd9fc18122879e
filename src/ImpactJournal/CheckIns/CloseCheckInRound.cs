using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.CheckIns;

/// <summary>Closing takes nothing but the request; an empty JSON object (or no body at all) will do.</summary>
public sealed record CloseCheckInRound;

/// <summary>Closing a round (stewards): behind the API's endpoint and the round summary's "Close the round".</summary>
public static class CloseCheckInRoundUseCase
{
    /// <summary>Closes an open round; closing a closed round changes nothing.</summary>
    public static Decision Decide(CheckInRound round, Guid allianceId)
    {
        var closed = Outcome.Changed(round.Id, CheckInConfiguration.Location(allianceId, round.Id), new { id = round.Id, status = "closed" });
        return round.Closed ? closed : Decision.Append(closed, new CheckInRoundClosed(round.Id));
    }

    public static Task<Outcome> RunAsync(Guid checkInId, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(CloseCheckInRound), acting, () =>
            UseCase.ChangeStreamAsync<CheckInRound>(store, acting, checkInId, oneWriterAtATime: true, CheckInConfiguration.NoSuchRound,
                round => Decide(round, acting.AllianceId), ct));
}

public static class CloseCheckInRoundEndpoint
{
    /// <summary>Close the round (stewards): its answers are final. Closing a closed round changes nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/close", OperationId = "closeCheckInRound")]
    [Authorize(Policy = AllianceAccess.Steward)]
    [OptionalBody]
    public static async Task<IResult> Post(CloseCheckInRound? command, Guid checkInId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await CloseCheckInRoundUseCase.RunAsync(checkInId, ActingMember.Of(http), store, ct)).ToHttp();
}
