using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

public sealed record StartRippleMap(Guid? Id, string? Focus, string? Description);

public static class StartRippleMapEndpoint
{
    public static ProblemDetails Validate(StartRippleMap? command) => command is null
        ? Validation.MissingBody()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("focus", command.Focus, RippleMapConfiguration.Focus)
            .Text("description", command.Description, RippleMapConfiguration.Description, required: false)
            .ToProblem();

    /// <summary>Start a ripple map around one focus intervention; the focus is the centre node and its id is the map id.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps", OperationId = "startRippleMap")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static Task<IResult> Post(StartRippleMap command, Guid allianceId, HttpContext http,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var started = new RippleMapStarted(command.Id ?? Guid.CreateVersion7(), command.Focus!.Trim(),
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim());
        return IdempotentCreate.StartStreamAsync<RippleMap, RippleMapStarted>(starter, store, allianceId, started.MapId, started,
            ActingSubject.Of(http.User), (a, b) => a == b, MapAnswers.MapLocation(allianceId, started.MapId), ct);
    }
}
