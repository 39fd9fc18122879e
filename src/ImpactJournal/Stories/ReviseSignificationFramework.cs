using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Stories;

public sealed record TriadInput(string? Key, string? Prompt, IReadOnlyList<string?>? Labels);
public sealed record DyadInput(string? Key, string? Prompt, string? Left, string? Right);
public sealed record ChoiceInput(string? Key, string? Prompt, IReadOnlyList<string?>? Options);

/// <summary>
/// The framework's questions, replacing those in force. <c>ExpectedVersion</c> (optional) is the version the edit started
/// from, 0 when there was none: when given and the framework has changed since, the revision is refused as stale.
/// </summary>
public sealed record ReviseSignificationFramework(
    IReadOnlyList<TriadInput?>? Triads,
    IReadOnlyList<DyadInput?>? Dyads,
    IReadOnlyList<ChoiceInput?>? Choices,
    long? ExpectedVersion = null);

/// <summary>Revising the signification framework: the one implementation behind the API and the framework editor.</summary>
public static class ReviseSignificationFrameworkUseCase
{
    /// <summary>An alliance's framework before its first: version 0, no questions.</summary>
    public static readonly SignificationFramework NoneYet = new(0, [], [], []);

    public static IReadOnlyDictionary<string, string[]> Validate(ReviseSignificationFramework? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation();
        if (command.ExpectedVersion < 0) validation.Add("expectedVersion", "A version the framework had: 0 (none yet) or more.");
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
        return validation.ToErrors();
    }

    /// <summary>
    /// The framework as revised, as a new version. Sending the questions already in force changes nothing (whatever
    /// version the editor started from); a change decided against an earlier version than the one in force is stale.
    /// </summary>
    public static Decision Decide(ReviseSignificationFramework command, Alliance alliance)
    {
        var current = alliance.Framework ?? NoneYet;
        var proposed = new SignificationFramework(
            current.Version + 1,
            [.. (command.Triads ?? []).Select(t => new Triad(t!.Key!, t.Prompt!.Trim(), [.. t.Labels!.Select(l => l!.Trim())]))],
            [.. (command.Dyads ?? []).Select(d => new Dyad(d!.Key!, d.Prompt!.Trim(), d.Left!.Trim(), d.Right!.Trim()))],
            [.. (command.Choices ?? []).Select(c => new Choice(c!.Key!, c.Prompt!.Trim(), [.. c.Options!.Select(o => o!.Trim())]))]);
        var location = $"/api/alliances/{alliance.Id}/signification-framework";

        if (alliance.Framework is not null && current.SameQuestionsAs(proposed)) return Outcome.Changed(alliance.Id, location, current);
        if (command.ExpectedVersion is { } expected && expected != current.Version)
            return Outcome.Stale("The signification framework", current.Version, current);
        return Decision.Append(Outcome.Changed(alliance.Id, location, proposed), new SignificationFrameworkRevised(proposed));
    }

    public static Task<Outcome> RunAsync(ReviseSignificationFramework? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(ReviseSignificationFramework), acting, async () =>
            UseCase.Refusal(Validate(command)) ?? await AllianceChange.ApplyAsync(store, acting, alliance => Decide(command!, alliance), ct));
}

public static class ReviseSignificationFrameworkEndpoint
{
    /// <summary>
    /// Replace the signification framework; an unchanged framework keeps its version. With expectedVersion (the version
    /// the edit started from; 0 for none), a framework changed since is not overwritten: 409 with currentVersion.
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/signification-framework", OperationId = "reviseSignificationFramework",
        Summary = "Replace the signification framework; with expectedVersion, 409 if it changed since that version")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    [ProducesResponseType<SignificationFramework>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(ReviseSignificationFramework command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await ReviseSignificationFrameworkUseCase.RunAsync(command, ActingMember.Of(http), store, ct)).ToHttp();
}

public static class GetSignificationFrameworkEndpoint
{
    [WolverineGet(AllianceRoute.Prefix + "/signification-framework", OperationId = "getSignificationFramework",
        Summary = "The signification framework in force, with its version")]
    public static SignificationFramework? Get(HttpContext http) => CurrentMember.AllianceOf(http).Framework;
}
