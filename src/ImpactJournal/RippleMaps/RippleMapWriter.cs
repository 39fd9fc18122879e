using System.Diagnostics;
using ImpactJournal.Infrastructure;
using Marten;

namespace ImpactJournal.RippleMaps;

/// <summary>What a change to a map answers and which events it appends (none for a refusal or a retry).</summary>
public sealed record MapDecision(IResult Answer, IReadOnlyList<object> Events)
{
    public static MapDecision Refuse(IResult answer) => new(answer, []);
}

/// <summary>
/// Writes to one map one at a time. Participants of a live session add ripples together; with
/// optimistic concurrency most of them would get a 409 they did not cause. Instead each write holds
/// a transaction-scoped lock on its map while it decides against the map's current state and
/// appends, so concurrent writers queue for a few milliseconds and all succeed.
/// </summary>
public static class RippleMapWriter
{
    public static async Task<IResult> WriteAsync(IDocumentSession session, RippleMapStates states, Guid mapId,
        Func<RippleMap, MapDecision> decide, CancellationToken ct)
    {
        using var activity = JournalInstruments.Source.StartActivity("ripple_map.write");
        activity?.SetTag("map.id", mapId);
        await session.BeginTransactionAsync(ct);
        var waiting = Stopwatch.GetTimestamp();
        await session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?)", ct, LockKey(mapId));
        JournalInstruments.MapLockWait.Record(Stopwatch.GetElapsedTime(waiting).TotalMilliseconds);

        var held = await states.CurrentAsync(session, mapId, ct);
        if (held is null) return MapAnswers.MapNotFound;

        var decision = decide(held.Map);
        activity?.SetTag("map.version", held.Map.Version).SetTag("map.events_appended", decision.Events.Count);
        if (decision.Events.Count == 0) return decision.Answer;

        session.Events.Append(mapId, decision.Events);
        await session.SaveChangesAsync(ct);
        return decision.Answer;
    }

    private static long LockKey(Guid mapId)
    {
        Span<byte> bytes = stackalloc byte[16];
        mapId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}

public static class MapAnswers
{
    public static readonly IResult MapNotFound = NotFound("No ripple map with this id in this alliance.");

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static IResult Invalid(string field, string message) =>
        Results.Problem(new Infrastructure.Validation().Add(field, message).ToProblem());

    public static string MapLocation(Guid allianceId, Guid mapId) => $"/api/alliances/{allianceId}/maps/{mapId}";
}
