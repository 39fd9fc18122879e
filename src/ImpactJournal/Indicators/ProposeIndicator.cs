using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Indicators;

public sealed record ProposeIndicator(Guid? Id, string? Name, string? Question, IndicatorUnit? Unit, string? Method,
    string? ProposedBy, string? NarrativeOfSuccess);

/// <summary>Proposing a cornerstone indicator: the one implementation behind the API's endpoint and the web app's "Propose an indicator".</summary>
public static class ProposeIndicatorUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(ProposeIndicator? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("name", command.Name, IndicatorConfiguration.Name)
            .Text("question", command.Question, IndicatorConfiguration.Question)
            .Defined("unit", command.Unit)
            .Text("method", command.Method, IndicatorConfiguration.Method)
            .Text("proposedBy", command.ProposedBy, IndicatorConfiguration.ProposedBy)
            .Text("narrativeOfSuccess", command.NarrativeOfSuccess, IndicatorConfiguration.Narrative, required: false)
            .ToErrors();

    /// <summary>The proposal a valid command records, its words trimmed.</summary>
    public static IndicatorProposed Decide(ProposeIndicator command) => new(command.Id ?? Guid.CreateVersion7(), command.Name!.Trim(),
        command.Question!.Trim(), command.Unit!.Value, command.Method!.Trim(), command.ProposedBy!.Trim(),
        string.IsNullOrWhiteSpace(command.NarrativeOfSuccess) ? null : command.NarrativeOfSuccess.Trim());

    /// <summary>Starts the indicator once under its id: a retry with the same body records nothing, a different body is a conflict.</summary>
    public static Task<Outcome> RunAsync(ProposeIndicator? command, ActingMember acting, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) => UseCase.TracedAsync(nameof(ProposeIndicator), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var proposed = Decide(command!);
        return await UseCase.StartStreamAsync<Indicator, IndicatorProposed>(starter, store, acting, proposed.IndicatorId, proposed,
            (a, b) => a == b, IndicatorAnswers.Location(acting.AllianceId, proposed.IndicatorId), ct);
    });
}

public static class ProposeIndicatorEndpoint
{
    /// <summary>Propose a cornerstone indicator chosen by the community (status proposed). A signal for learning, never a target.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators", OperationId = "proposeIndicator")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(ProposeIndicator command, HttpContext http, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) =>
        (await ProposeIndicatorUseCase.RunAsync(command, ActingMember.Of(http), starter, store, ct)).ToHttp();
}

/// <summary>What the indicator use cases answer alike.</summary>
public static class IndicatorAnswers
{
    public const string Missing = "No indicator with this id in this alliance.";

    public static string Location(Guid allianceId, Guid indicatorId) => $"/api/alliances/{allianceId}/indicators/{indicatorId}";

    public static Outcome Retired => new Outcome.Conflict("Indicator retired",
        "This indicator was retired; its history stays readable but it takes no more changes or readings.");
}
