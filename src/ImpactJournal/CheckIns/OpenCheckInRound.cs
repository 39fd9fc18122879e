using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.CheckIns;

public sealed record OpenCheckInRound(Guid? Id, string? Title, DateOnly? PeriodStart, DateOnly? PeriodEnd);

/// <summary>Opening a round of check-ins: behind the API's endpoint and the web app's "Open a check-in round".</summary>
public static class OpenCheckInRoundUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(OpenCheckInRound? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("title", command.Title, CheckInConfiguration.Title)
            .Period(command.PeriodStart, command.PeriodEnd)
            .ToErrors();

    /// <summary>The event a valid command records.</summary>
    public static CheckInRoundOpened Decide(OpenCheckInRound command) =>
        new(command.Id ?? Guid.CreateVersion7(), command.Title!.Trim(), command.PeriodStart!.Value, command.PeriodEnd!.Value);

    /// <summary>Opens the round once under its id: a retry with the same id and body records nothing.</summary>
    public static Task<Outcome> RunAsync(OpenCheckInRound? command, ActingMember acting, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) => UseCase.TracedAsync(nameof(OpenCheckInRound), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var opened = Decide(command!);
        return await UseCase.StartStreamAsync<CheckInRound, CheckInRoundOpened>(starter, store, acting, opened.RoundId, opened,
            (a, b) => a.SameAs(b), CheckInConfiguration.Location(acting.AllianceId, opened.RoundId), ct);
    });
}

public static class OpenCheckInRoundEndpoint
{
    /// <summary>Open a round of check-ins against the alliance's imperatives for a period (stewards).</summary>
    [WolverinePost(AllianceRoute.Prefix + "/check-ins", OperationId = "openCheckInRound")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Post(OpenCheckInRound command, HttpContext http, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) =>
        (await OpenCheckInRoundUseCase.RunAsync(command, ActingMember.Of(http), starter, store, ct)).ToHttp();
}
