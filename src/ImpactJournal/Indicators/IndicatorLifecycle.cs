using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Indicators;

public sealed record AdoptIndicator(DateOnly? AdoptedOn);

public static class AdoptIndicatorEndpoint
{
    public static ProblemDetails Validate(AdoptIndicator? command) => command is null
        ? Validation.MissingBody()
        : new Validation().Required("adoptedOn", command.AdoptedOn).ToProblem();

    /// <summary>Adopt a proposed indicator (facilitators and stewards).</summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/adoption", OperationId = "adoptIndicator")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static (IResult, Events) Post(AdoptIndicator command, [WriteAggregate("indicatorId")] Indicator indicator)
    {
        var answer = Results.Ok(new { indicator.Id, status = "adopted", command.AdoptedOn });
        return indicator.Status switch
        {
            IndicatorStatus.Retired => (IndicatorAnswers.Retired, []),
            IndicatorStatus.Adopted when indicator.AdoptedOn == command.AdoptedOn => (answer, []),
            IndicatorStatus.Adopted => (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already adopted",
                detail: $"This indicator was adopted on {indicator.AdoptedOn:yyyy-MM-dd}."), []),
            _ => (answer, [new IndicatorAdopted(command.AdoptedOn!.Value)])
        };
    }
}

public sealed record RetireIndicator(string? Reason);

public static class RetireIndicatorEndpoint
{
    public static ProblemDetails Validate(RetireIndicator? command) => command is null
        ? Validation.MissingBody()
        : new Validation().Text("reason", command.Reason, IndicatorConfiguration.Reason).ToProblem();

    /// <summary>Retire an indicator; its readings and trend stay readable.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/retirement", OperationId = "retireIndicator")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static (IResult, Events) Post(RetireIndicator command, [WriteAggregate("indicatorId")] Indicator indicator)
    {
        var answer = Results.Ok(new { indicator.Id, status = "retired" });
        if (indicator.Status != IndicatorStatus.Retired) return (answer, [new IndicatorRetired(command.Reason!.Trim())]);
        return indicator.RetiredReason == command.Reason!.Trim() ? (answer, []) : (IndicatorAnswers.Retired, []);
    }
}

public sealed record RedefineIndicator(string? Name, string? Question, IndicatorUnit? Unit, string? Method, string? NarrativeOfSuccess);

public static class RedefineIndicatorEndpoint
{
    public static ProblemDetails Validate(RedefineIndicator? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation()
            .Text("name", command.Name, IndicatorConfiguration.Name, required: false)
            .Text("question", command.Question, IndicatorConfiguration.Question, required: false)
            .Text("method", command.Method, IndicatorConfiguration.Method, required: false)
            .Text("narrativeOfSuccess", command.NarrativeOfSuccess, IndicatorConfiguration.Narrative, required: false);
        if (command.Unit is { } unit && !Enum.IsDefined(unit)) validation.Add("unit", $"One of {Vocabulary.ListOf<IndicatorUnit>()}.");
        if (command is { Name: null, Question: null, Unit: null, Method: null, NarrativeOfSuccess: null })
            validation.Add("body", "Change at least one of name, question, unit, method, narrativeOfSuccess.");
        return validation.ToProblem();
    }

    /// <summary>
    /// Change the definition. A new question, unit or method makes a new definition version: later
    /// readings are bound to it and trends compare only readings of one version. A new name or
    /// narrative of success alone keeps the version.
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/definition", OperationId = "redefineIndicator")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static (IResult, Events) Put(RedefineIndicator command, [WriteAggregate("indicatorId")] Indicator indicator)
    {
        if (indicator.Status == IndicatorStatus.Retired) return (IndicatorAnswers.Retired, []);
        var current = indicator.Definition;
        string? Changed(string? proposed, string existing) => proposed?.Trim() is { } text && text != existing ? text : null;
        var question = Changed(command.Question, current.Question);
        var method = Changed(command.Method, current.Method);
        var unit = command.Unit is { } u && u != current.Unit ? u : (IndicatorUnit?)null;
        var name = Changed(command.Name, indicator.Name);
        var narrative = Changed(command.NarrativeOfSuccess, indicator.NarrativeOfSuccess ?? "");

        var newVersion = question is not null || method is not null || unit is not null;
        var version = newVersion ? current.Version + 1 : current.Version;
        var answer = Results.Ok(new { indicator.Id, definitionVersion = version });
        if (!newVersion && name is null && narrative is null) return (answer, []);
        return (answer, [new IndicatorRedefined(version, name, question, unit, method, narrative)]);
    }
}
