using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary><c>valence</c> and <c>intended</c> left out (or null) keep their current values.</summary>
public sealed record RecodeRipple(IReadOnlyList<CommunityCapital?>? Capitals, Valence? Valence, bool? Intended);

public static class RecodeRippleEndpoint
{
    public static ProblemDetails Validate(RecodeRipple? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation().CheckCapitals("capitals", command.Capitals);
        if (command.Capitals is null) validation.Add("capitals", "Required.");
        if (command.Valence is { } valence && !Enum.IsDefined(valence)) validation.Add("valence", $"One of {Vocabulary.ListOf<Valence>()}.");
        return validation.ToProblem();
    }

    /// <summary>Re-code a ripple's capitals, valence or intent (facilitators and stewards); the earlier coding stays in its history.</summary>
    [WolverinePut(AllianceRoute.Prefix + "/maps/{mapId:guid}/ripples/{rippleId:guid}/coding", OperationId = "recodeRipple")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static Task<IResult> Put(RecodeRipple command, Guid mapId, Guid rippleId,
        IDocumentSession session, RippleMapStates states, CancellationToken ct)
    {
        var recoded = new RippleRecoded(rippleId, [.. command.Capitals!.Select(c => c!.Value).Distinct()], command.Valence, command.Intended);
        return RippleMapWriter.WriteAsync(session, states, mapId, map =>
        {
            if (!map.Nodes.TryGetValue(rippleId, out var ripple)) return MapDecision.Refuse(MapAnswers.NotFound("No ripple with this id on this map."));
            var current = ripple.Coding;
            var unchanged = current.Capitals.ToHashSet().SetEquals(recoded.Capitals)
                && (recoded.Valence ?? current.Valence) == current.Valence
                && (recoded.Intended ?? current.Intended) == current.Intended;
            var answer = Results.Ok(new { id = rippleId, codings = ripple.Codings.Count + (unchanged ? 0 : 1) });
            return unchanged ? MapDecision.Refuse(answer) : new MapDecision(answer, [recoded]);
        }, ct);
    }
}
