using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Indicators;

public sealed record ProposeIndicator(Guid? Id, string? Name, string? Question, IndicatorUnit? Unit, string? Method,
    string? ProposedBy, string? NarrativeOfSuccess);

public static class ProposeIndicatorEndpoint
{
    public static ProblemDetails Validate(ProposeIndicator? command) => command is null
        ? Validation.MissingBody()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("name", command.Name, IndicatorConfiguration.Name)
            .Text("question", command.Question, IndicatorConfiguration.Question)
            .Defined("unit", command.Unit)
            .Text("method", command.Method, IndicatorConfiguration.Method)
            .Text("proposedBy", command.ProposedBy, IndicatorConfiguration.ProposedBy)
            .Text("narrativeOfSuccess", command.NarrativeOfSuccess, IndicatorConfiguration.Narrative, required: false)
            .ToProblem();

    /// <summary>Propose a cornerstone indicator chosen by the community (status proposed). A signal for learning, never a target.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators", OperationId = "proposeIndicator")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static Task<IResult> Post(ProposeIndicator command, Guid allianceId, HttpContext http,
        StreamStarter starter, IDocumentStore store, CancellationToken ct) =>
        StartAsync(command, allianceId, ActingSubject.Of(http.User), starter, store, ct);

    /// <summary>The decision, shared with the web app's form: the proposal, started once under its id.</summary>
    public static Task<IResult> StartAsync(ProposeIndicator command, Guid allianceId, string? subject,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var proposed = new IndicatorProposed(command.Id ?? Guid.CreateVersion7(), command.Name!.Trim(), command.Question!.Trim(),
            command.Unit!.Value, command.Method!.Trim(), command.ProposedBy!.Trim(),
            string.IsNullOrWhiteSpace(command.NarrativeOfSuccess) ? null : command.NarrativeOfSuccess.Trim());
        return IdempotentCreate.StartStreamAsync<Indicator, IndicatorProposed>(starter, store, allianceId, proposed.IndicatorId, proposed,
            subject, (a, b) => a == b, IndicatorAnswers.Location(allianceId, proposed.IndicatorId), ct);
    }
}

public static class IndicatorAnswers
{
    public static string Location(Guid allianceId, Guid indicatorId) => $"/api/alliances/{allianceId}/indicators/{indicatorId}";

    public static IResult Retired => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Indicator retired",
        detail: "This indicator was retired; its history stays readable but it takes no more changes or readings.");
}
