using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

public sealed record StartRippleMap(Guid? Id, string? Focus, string? Description);

/// <summary>Starting a ripple map: the one implementation behind the API's endpoint and the web app's "Start a ripple map".</summary>
public static class StartRippleMapUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(StartRippleMap? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("focus", command.Focus, RippleMapConfiguration.Focus)
            .Text("description", command.Description, RippleMapConfiguration.Description, required: false)
            .ToErrors();

    /// <summary>The map's first event for a valid command.</summary>
    public static RippleMapStarted Decide(StartRippleMap command) => new(command.Id ?? Guid.CreateVersion7(), command.Focus!.Trim(),
        string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim());

    /// <summary>Starts the map; a retry with the same id and body records nothing.</summary>
    public static Task<Outcome> RunAsync(StartRippleMap? command, ActingMember acting, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) => UseCase.TracedAsync(nameof(StartRippleMap), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var started = Decide(command!);
        return await UseCase.StartStreamAsync<RippleMap, RippleMapStarted>(starter, store, acting, started.MapId, started,
            (a, b) => a == b, MapAnswers.MapLocation(acting.AllianceId, started.MapId), ct);
    });
}

public static class StartRippleMapEndpoint
{
    /// <summary>Start a ripple map around one focus intervention; the focus is the centre node and its id is the map id.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps", OperationId = "startRippleMap")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(StartRippleMap command, HttpContext http, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) =>
        (await StartRippleMapUseCase.RunAsync(command, ActingMember.Of(http), starter, store, ct)).ToHttp();
}
