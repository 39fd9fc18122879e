using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Indicators;

public sealed record AdoptIndicator(DateOnly? AdoptedOn);

/// <summary>Adopting a proposed indicator: behind the API's endpoint and the indicator page's "Adopt the indicator".</summary>
public static class AdoptIndicatorUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AdoptIndicator? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().Required("adoptedOn", command.AdoptedOn).ToErrors();

    /// <summary>Adopts it once: the same day again changes nothing, another day or a retired indicator is a conflict.</summary>
    public static Decision Decide(Indicator indicator, AdoptIndicator command, Guid allianceId)
    {
        var adopted = Outcome.Changed(indicator.Id, IndicatorAnswers.Location(allianceId, indicator.Id),
            new { indicator.Id, status = "adopted", command.AdoptedOn });
        return indicator.Status switch
        {
            IndicatorStatus.Retired => IndicatorAnswers.Retired,
            IndicatorStatus.Adopted when indicator.AdoptedOn == command.AdoptedOn => adopted,
            IndicatorStatus.Adopted => new Outcome.Conflict("Already adopted", $"This indicator was adopted on {indicator.AdoptedOn:yyyy-MM-dd}."),
            _ => Decision.Append(adopted, new IndicatorAdopted(command.AdoptedOn!.Value))
        };
    }

    public static Task<Outcome> RunAsync(Guid indicatorId, AdoptIndicator? command, ActingMember acting, IDocumentStore store,
        CancellationToken ct) => IndicatorChange.RunAsync(nameof(AdoptIndicator), Validate(command), indicatorId, acting, store,
        indicator => Decide(indicator, command!, acting.AllianceId), ct);
}

public static class AdoptIndicatorEndpoint
{
    /// <summary>Adopt a proposed indicator (facilitators and stewards).</summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/adoption", OperationId = "adoptIndicator")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(AdoptIndicator command, Guid indicatorId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await AdoptIndicatorUseCase.RunAsync(indicatorId, command, ActingMember.Of(http), store, ct)).ToHttp();
}

public sealed record RetireIndicator(string? Reason);

/// <summary>Retiring an indicator: behind the API's endpoint and the indicator page's "Retire the indicator".</summary>
public static class RetireIndicatorUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(RetireIndicator? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().Text("reason", command.Reason, IndicatorConfiguration.Reason).ToErrors();

    /// <summary>Retires it once: the same reason again changes nothing, a different one is a conflict.</summary>
    public static Decision Decide(Indicator indicator, RetireIndicator command, Guid allianceId)
    {
        var retired = Outcome.Changed(indicator.Id, IndicatorAnswers.Location(allianceId, indicator.Id), new { indicator.Id, status = "retired" });
        var reason = command.Reason!.Trim();
        if (indicator.Status != IndicatorStatus.Retired) return Decision.Append(retired, new IndicatorRetired(reason));
        return indicator.RetiredReason == reason ? retired : IndicatorAnswers.Retired;
    }

    public static Task<Outcome> RunAsync(Guid indicatorId, RetireIndicator? command, ActingMember acting, IDocumentStore store,
        CancellationToken ct) => IndicatorChange.RunAsync(nameof(RetireIndicator), Validate(command), indicatorId, acting, store,
        indicator => Decide(indicator, command!, acting.AllianceId), ct);
}

public static class RetireIndicatorEndpoint
{
    /// <summary>Retire an indicator; its readings and trend stay readable.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/retirement", OperationId = "retireIndicator")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(RetireIndicator command, Guid indicatorId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await RetireIndicatorUseCase.RunAsync(indicatorId, command, ActingMember.Of(http), store, ct)).ToHttp();
}

public sealed record RedefineIndicator(string? Name, string? Question, IndicatorUnit? Unit, string? Method, string? NarrativeOfSuccess);

/// <summary>Changing an indicator's definition: behind the API's endpoint and the indicator page's "Save the definition".</summary>
public static class RedefineIndicatorUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(RedefineIndicator? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .Text("name", command.Name, IndicatorConfiguration.Name, required: false)
            .Text("question", command.Question, IndicatorConfiguration.Question, required: false)
            .Text("method", command.Method, IndicatorConfiguration.Method, required: false)
            .Text("narrativeOfSuccess", command.NarrativeOfSuccess, IndicatorConfiguration.Narrative, required: false);
        if (command.Unit is { } unit && !Enum.IsDefined(unit)) validation.Add("unit", $"One of {Vocabulary.ListOf<IndicatorUnit>()}.");
        if (command is { Name: null, Question: null, Unit: null, Method: null, NarrativeOfSuccess: null })
            validation.Add("body", "Change at least one of name, question, unit, method, narrativeOfSuccess.");
        return validation.ToErrors();
    }

    /// <summary>
    /// Records only what differs from the definition in force. A new question, unit or method makes a new
    /// definition version; a new name or narrative of success alone keeps the version; nothing new records nothing.
    /// </summary>
    public static Decision Decide(Indicator indicator, RedefineIndicator command, Guid allianceId)
    {
        if (indicator.Status == IndicatorStatus.Retired) return IndicatorAnswers.Retired;
        var current = indicator.Definition;
        string? Changed(string? proposed, string existing) => proposed?.Trim() is { } text && text != existing ? text : null;
        var question = Changed(command.Question, current.Question);
        var method = Changed(command.Method, current.Method);
        var unit = command.Unit is { } u && u != current.Unit ? u : (IndicatorUnit?)null;
        var name = Changed(command.Name, indicator.Name);
        var narrative = Changed(command.NarrativeOfSuccess, indicator.NarrativeOfSuccess ?? "");

        var newVersion = question is not null || method is not null || unit is not null;
        var version = newVersion ? current.Version + 1 : current.Version;
        var redefined = Outcome.Changed(indicator.Id, IndicatorAnswers.Location(allianceId, indicator.Id), new { indicator.Id, definitionVersion = version });
        if (!newVersion && name is null && narrative is null) return redefined;
        return Decision.Append(redefined, new IndicatorRedefined(version, name, question, unit, method, narrative));
    }

    public static Task<Outcome> RunAsync(Guid indicatorId, RedefineIndicator? command, ActingMember acting, IDocumentStore store,
        CancellationToken ct) => IndicatorChange.RunAsync(nameof(RedefineIndicator), Validate(command), indicatorId, acting, store,
        indicator => Decide(indicator, command!, acting.AllianceId), ct);
}

public static class RedefineIndicatorEndpoint
{
    /// <summary>
    /// Change the definition. A new question, unit or method makes a new definition version: later
    /// readings are bound to it and trends compare only readings of one version. A new name or
    /// narrative of success alone keeps the version.
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/definition", OperationId = "redefineIndicator")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Put(RedefineIndicator command, Guid indicatorId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await RedefineIndicatorUseCase.RunAsync(indicatorId, command, ActingMember.Of(http), store, ct)).ToHttp();
}

/// <summary>
/// A facilitator's change to an indicator, decided against it as it is now. Optimistic, as it always was: a change
/// made at the same moment refuses this one rather than queueing behind it (readings queue; see <see cref="RecordReadingUseCase"/>).
/// An indicator that is not there is not found whatever the body says; the body's field errors come next.
/// </summary>
public static class IndicatorChange
{
    public static Task<Outcome> RunAsync(string useCase, IReadOnlyDictionary<string, string[]> errors, Guid indicatorId, ActingMember acting,
        IDocumentStore store, Func<Indicator, Decision> decide, CancellationToken ct) => UseCase.TracedAsync(useCase, acting, () =>
        UseCase.ChangeStreamAsync<Indicator>(store, acting, indicatorId, oneWriterAtATime: false, IndicatorAnswers.Missing,
            indicator => UseCase.Refusal(errors) ?? decide(indicator), ct));
}
