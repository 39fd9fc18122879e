using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.CheckIns;

public sealed record OpenCheckInRound(Guid? Id, string? Title, DateOnly? PeriodStart, DateOnly? PeriodEnd);

public static class OpenCheckInRoundEndpoint
{
    public static ProblemDetails Validate(OpenCheckInRound? command)
    {
        if (command is null) return Validation.MissingBody();
        return new Validation()
            .NotEmpty("id", command.Id)
            .Text("title", command.Title, CheckInConfiguration.Title)
            .Period(command.PeriodStart, command.PeriodEnd)
            .ToProblem();
    }

    /// <summary>Open a round of check-ins against the alliance's imperatives for a period (stewards).</summary>
    [WolverinePost(AllianceRoute.Prefix + "/check-ins", OperationId = "openCheckInRound")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static Task<IResult> Post(OpenCheckInRound command, Guid allianceId, HttpContext http,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var opened = new CheckInRoundOpened(command.Id ?? Guid.CreateVersion7(), command.Title!.Trim(), command.PeriodStart!.Value, command.PeriodEnd!.Value);
        return IdempotentCreate.StartStreamAsync<CheckInRound, CheckInRoundOpened>(starter, store, allianceId, opened.RoundId, opened,
            ActingSubject.Of(http.User), (a, b) => a.SameAs(b), CheckInConfiguration.Location(allianceId, opened.RoundId), ct);
    }
}
