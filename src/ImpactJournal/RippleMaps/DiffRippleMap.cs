using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

public static class DiffRippleMapEndpoint
{
    /// <summary>
    /// What changed between two moments (<c>to</c> defaults to now): ripples added, ripples
    /// re-coded (coding before and after), links added, and links whose status changed.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/diff", OperationId = "diffRippleMap")]
    [ProducesResponseType<MapDiff>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid mapId, DateTimeOffset? from, DateTimeOffset? to, IQuerySession session,
        RippleMapStates states, TimeProvider clock, CancellationToken ct)
    {
        var end = (to ?? clock.GetUtcNow()).ToUniversalTime();
        from = from?.ToUniversalTime();
        var validation = new Validation().Required("from", from);
        if (from > end) validation.Add("from", "Must not be after to.");
        if (!validation.IsValid) return Results.Problem(validation.ToProblem());

        if (await states.CurrentAsync(session, mapId, ct) is not { } held) return MapAnswers.MapNotFound.ToHttp();
        var after = await MapAt.StateAsync(session, states, held, end, ct);
        if (after is null) return Results.Ok(new MapDiff(from!.Value, end, [], [], [], []));
        var before = await MapAt.StateAsync(session, states, held, from!.Value, ct);
        return Results.Ok(MapDiff.Between(before, after, from.Value, end));
    }
}
