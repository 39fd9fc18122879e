using ImpactJournal.Access;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.CheckIns;

public static class GetMyCheckInAnswersEndpoint
{
    /// <summary>Your own answers in the round (nobody else's are readable by anyone).</summary>
    [WolverineGet(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/answers/mine", OperationId = "getMyCheckInAnswers")]
    [Authorize(Policy = AllianceAccess.Read)]
    public static async Task<IResult> Get(Guid checkInId, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CheckInRound>(checkInId, ct) is { } round
            ? Results.Ok(AnswerCheckInUseCase.Mine(round, CurrentMember.Of(http).Subject))
            : CheckInConfiguration.NotFound;
}
