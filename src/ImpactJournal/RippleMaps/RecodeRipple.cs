using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// <c>valence</c> and <c>intended</c> left out (or null) keep their current values. <c>expectedVersion</c> (optional) is the
/// ripple's <c>version</c> the change was made against: the map version at which its coding last changed.
/// </summary>
public sealed record RecodeRipple(IReadOnlyList<CommunityCapital?>? Capitals, Valence? Valence, bool? Intended, long? ExpectedVersion = null,
    IReadOnlyList<string?>? Themes = null);

/// <summary>What a re-coding answers: how many codings the ripple has had, and the version its coding now has.</summary>
public sealed record RecodedAnswer(Guid Id, int Codings, long Version);

/// <summary>Re-coding a ripple: the one implementation behind the API's endpoint and the board's "Re-code a ripple's capitals".</summary>
public static class RecodeRippleUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(RecodeRipple? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation().CheckCapitals("capitals", command.Capitals).CheckThemes("themes", command.Themes);
        if (command.Capitals is null) validation.Add("capitals", "Required.");
        if (command.Valence is { } valence && !Enum.IsDefined(valence)) validation.Add("valence", $"One of {Vocabulary.ListOf<Valence>()}.");
        if (command.ExpectedVersion is < 1) validation.Add("expectedVersion", "The ripple's version, a whole number from 1.");
        return validation.ToErrors();
    }

    /// <summary>
    /// Re-codes the ripple, keeping the earlier coding in its history. Asking for the coding it has already records
    /// nothing. A change made against an older version of the ripple's coding than the latest is refused as stale,
    /// saying what the coding is now; changes to other ripples and links of the map do not count.
    /// </summary>
    public static Decision Decide(RippleMap map, Guid rippleId, RecodeRipple command, string location)
    {
        if (!map.Nodes.TryGetValue(rippleId, out var ripple)) return MapAnswers.NotFound("No ripple with this id on this map.");
        var recoded = new RippleRecoded(rippleId, [.. command.Capitals!.Select(c => c!.Value).Distinct()], command.Valence, command.Intended,
            command.Themes is null ? null : Themes.Normalise(command.Themes));
        var current = ripple.Coding;
        var unchanged = current.Capitals.ToHashSet().SetEquals(recoded.Capitals)
            && (recoded.Themes is null || (current.Themes ?? []).ToHashSet().SetEquals(recoded.Themes))
            && (recoded.Valence ?? current.Valence) == current.Valence
            && (recoded.Intended ?? current.Intended) == current.Intended;
        if (unchanged) return Outcome.Changed(rippleId, location, new RecodedAnswer(rippleId, ripple.Codings.Count, ripple.ChangedVersion));
        if (command.ExpectedVersion is { } expected && expected != ripple.ChangedVersion)
            return Outcome.Stale("This ripple's coding", ripple.ChangedVersion, current);
        return Decision.Append(Outcome.Changed(rippleId, location, new RecodedAnswer(rippleId, ripple.Codings.Count + 1, map.Version + 1)), recoded);
    }

    public static Task<Outcome> RunAsync(RecodeRipple? command, ActingMember acting, Guid mapId, Guid rippleId, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) => UseCase.TracedAsync(nameof(RecodeRipple), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var location = $"{MapAnswers.MapLocation(acting.AllianceId, mapId)}/ripples/{rippleId}";
        return await RippleMapWriter.WriteAsync(store, acting, states, mapId, map => Decide(map, rippleId, command!, location), ct);
    });
}

public static class RecodeRippleEndpoint
{
    /// <summary>
    /// Re-code a ripple's capitals, valence or intent (facilitators and stewards); the earlier coding stays in its history.
    /// Send the ripple's <c>version</c> (from GET …/ripples/{r}) as <c>expectedVersion</c> to be refused with 409 (and the
    /// <c>currentVersion</c>) when someone has re-coded it since; without it the latest re-coding wins.
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/maps/{mapId:guid}/ripples/{rippleId:guid}/coding", OperationId = "recodeRipple")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Put(RecodeRipple command, Guid mapId, Guid rippleId, HttpContext http, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) =>
        (await RecodeRippleUseCase.RunAsync(command, ActingMember.Of(http), mapId, rippleId, store, states, ct)).ToHttp();
}
