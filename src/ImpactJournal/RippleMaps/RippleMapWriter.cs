using System.Diagnostics;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Writes to one map one at a time. Participants of a live session add ripples together; with
/// optimistic concurrency most of them would get a 409 they did not cause. Instead each write holds
/// a transaction-scoped lock on its map while it decides against the map's current state and
/// appends, so concurrent writers queue for a few milliseconds and all succeed.
/// </summary>
public static class RippleMapWriter
{
    /// <summary>Decides against the map as it is now, under its lock, and appends what was decided (nothing for a refusal or a retry).</summary>
    public static async Task<Outcome> WriteAsync(IDocumentSession session, RippleMapStates states, Guid mapId,
        Func<RippleMap, Decision> decide, CancellationToken ct)
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
        if (decision.Events.Count == 0) return decision.Outcome;

        session.Events.Append(mapId, decision.Events);
        await session.SaveChangesAsync(ct);
        return decision.Outcome;
    }

    /// <summary>The same, in a session of the acting member's alliance opened for this write.</summary>
    public static async Task<Outcome> WriteAsync(IDocumentStore store, ActingMember acting, RippleMapStates states, Guid mapId,
        Func<RippleMap, Decision> decide, CancellationToken ct)
    {
        await using var session = UseCase.OpenSession(store, acting);
        return await WriteAsync(session, states, mapId, decide, ct);
    }

    private static long LockKey(Guid mapId)
    {
        Span<byte> bytes = stackalloc byte[16];
        mapId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}

/// <summary>The refusals and addresses the map's use cases share.</summary>
public static class MapAnswers
{
    public static readonly Outcome MapNotFound = NotFound("No ripple map with this id in this alliance.");

    public static Outcome NotFound(string detail) => new Outcome.NotFound(detail);

    public static Outcome Conflict(string title, string detail) => new Outcome.Conflict(title, detail);

    public static string MapLocation(Guid allianceId, Guid mapId) => $"/api/alliances/{allianceId}/maps/{mapId}";
}
