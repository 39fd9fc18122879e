using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Stories;

public sealed record TriadInput(string? Key, string? Prompt, IReadOnlyList<string?>? Labels);
public sealed record DyadInput(string? Key, string? Prompt, string? Left, string? Right);
public sealed record ChoiceInput(string? Key, string? Prompt, IReadOnlyList<string?>? Options);

public sealed record ReviseSignificationFramework(
    IReadOnlyList<TriadInput?>? Triads,
    IReadOnlyList<DyadInput?>? Dyads,
    IReadOnlyList<ChoiceInput?>? Choices);

public static class ReviseSignificationFrameworkEndpoint
{
    public static ProblemDetails Validate(ReviseSignificationFramework? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation();
        var keys = new HashSet<string>();
        var triads = command.Triads ?? [];
        var dyads = command.Dyads ?? [];
        var choices = command.Choices ?? [];
        if (triads.Count + dyads.Count + choices.Count == 0) validation.Add("body", "A framework needs at least one triad, dyad or choice.");
        if (triads.Count > FrameworkLimits.Items) validation.Add("triads", $"At most {FrameworkLimits.Items}.");
        if (dyads.Count > FrameworkLimits.Items) validation.Add("dyads", $"At most {FrameworkLimits.Items}.");
        if (choices.Count > FrameworkLimits.Items) validation.Add("choices", $"At most {FrameworkLimits.Items}.");

        for (var i = 0; i < triads.Count; i++)
        {
            var (t, at) = (triads[i], $"triads[{i}]");
            if (t is null) { validation.Add(at, "Required."); continue; }
            validation.Key($"{at}.key", t.Key, keys).Text($"{at}.prompt", t.Prompt, FrameworkLimits.Prompt);
            if (t.Labels is not { Count: 3 }) validation.Add($"{at}.labels", "Exactly three labels.");
            else for (var l = 0; l < 3; l++) validation.Text($"{at}.labels[{l}]", t.Labels[l], FrameworkLimits.Label);
        }
        for (var i = 0; i < dyads.Count; i++)
        {
            var (d, at) = (dyads[i], $"dyads[{i}]");
            if (d is null) { validation.Add(at, "Required."); continue; }
            validation.Key($"{at}.key", d.Key, keys).Text($"{at}.prompt", d.Prompt, FrameworkLimits.Prompt)
                .Text($"{at}.left", d.Left, FrameworkLimits.Label).Text($"{at}.right", d.Right, FrameworkLimits.Label);
        }
        for (var i = 0; i < choices.Count; i++)
        {
            var (c, at) = (choices[i], $"choices[{i}]");
            if (c is null) { validation.Add(at, "Required."); continue; }
            validation.Key($"{at}.key", c.Key, keys).Text($"{at}.prompt", c.Prompt, FrameworkLimits.Prompt);
            if (c.Options is not { Count: > 0 } options || options.Count > FrameworkLimits.Options)
            {
                validation.Add($"{at}.options", $"Between 1 and {FrameworkLimits.Options} options.");
                continue;
            }
            for (var o = 0; o < options.Count; o++) validation.Text($"{at}.options[{o}]", options[o], FrameworkLimits.Label);
            if (options.Distinct().Count() != options.Count) validation.Add($"{at}.options", "Options must be unique.");
        }
        return validation.ToProblem();
    }

    /// <summary>Replace the signification framework; an unchanged framework keeps its version.</summary>
    [WolverinePut(AllianceRoute.Prefix + "/signification-framework", OperationId = "reviseSignificationFramework")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static (SignificationFramework, Events) Put(ReviseSignificationFramework command, [WriteAggregate(AllianceRoute.AllianceId)] Alliance alliance)
    {
        var proposed = new SignificationFramework(
            (alliance.Framework?.Version ?? 0) + 1,
            [.. (command.Triads ?? []).Select(t => new Triad(t!.Key!, t.Prompt!.Trim(), [.. t.Labels!.Select(l => l!.Trim())]))],
            [.. (command.Dyads ?? []).Select(d => new Dyad(d!.Key!, d.Prompt!.Trim(), d.Left!.Trim(), d.Right!.Trim()))],
            [.. (command.Choices ?? []).Select(c => new Choice(c!.Key!, c.Prompt!.Trim(), [.. c.Options!.Select(o => o!.Trim())]))]);

        return alliance.Framework is { } current && current.SameQuestionsAs(proposed)
            ? (current, [])
            : (proposed, [new SignificationFrameworkRevised(proposed)]);
    }
}

public static class GetSignificationFrameworkEndpoint
{
    [WolverineGet(AllianceRoute.Prefix + "/signification-framework", OperationId = "getSignificationFramework",
        Summary = "The signification framework in force, with its version")]
    public static SignificationFramework? Get(HttpContext http) => CurrentMember.AllianceOf(http).Framework;
}
