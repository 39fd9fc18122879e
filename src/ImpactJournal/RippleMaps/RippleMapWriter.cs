using System.Diagnostics;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Writes to one map one group at a time. Participants of a live session add ripples together; with optimistic
/// concurrency most of them would get a 409 they did not cause. Instead the writes to a map queue, and the writes that
/// arrive while one group is being written become the next group (<see cref="MapWriteGroups"/>): under a
/// transaction-scoped lock on the map, each is decided in turn against the map as the ones before it left it, and all
/// that was decided is appended and committed at once. A room adding at once all succeed, and costs one commit per
/// group instead of one per ripple.
/// </summary>
public static class RippleMapWriter
{
    /// <summary>
    /// Decides against the map as it is now, in the next group written to it, and appends what was decided (nothing for
    /// a refusal or a retry). The session gives the alliance and who acts; the group is written in a session of its own.
    /// </summary>
    public static Task<Outcome> WriteAsync(IDocumentSession session, RippleMapStates states, Guid mapId,
        Func<RippleMap, Decision> decide, CancellationToken ct) =>
        states.Writes.WriteAsync(session.DocumentStore, states, new MapWrite(session.TenantId, mapId, decide, session.LastModifiedBy,
            session.CorrelationId ?? Activity.Current?.TraceId.ToString()));

    /// <summary>The same, in a session of the acting member's alliance opened for this write.</summary>
    public static async Task<Outcome> WriteAsync(IDocumentStore store, ActingMember acting, RippleMapStates states, Guid mapId,
        Func<RippleMap, Decision> decide, CancellationToken ct)
    {
        await using var session = UseCase.OpenSession(store, acting);
        return await WriteAsync(session, states, mapId, decide, ct);
    }

    /// <summary>
    /// Writes a group of writes to one map in one transaction, under the map's lock: each decided against the map as the
    /// ones before it in the group left it. Answers each write; a write whose decision failed gets its exception alone.
    /// Throws when the commit fails (nothing of the group was written).
    /// </summary>
    internal static async Task<IReadOnlyList<(MapWrite Write, Outcome? Outcome, Exception? Failed)>> WriteGroupAsync(
        IDocumentStore store, RippleMapStates states, IReadOnlyList<MapWrite> group)
    {
        var (tenant, mapId) = (group[0].Tenant, group[0].MapId);
        using var activity = JournalInstruments.Source.StartActivity("ripple_map.write");
        activity?.SetTag("map.id", mapId).SetTag("map.writes", group.Count);
        await using var session = store.LightweightSession(tenant);
        await session.BeginTransactionAsync(CancellationToken.None);
        var waiting = Stopwatch.GetTimestamp();
        await session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?)", CancellationToken.None, LockKey(mapId));
        JournalInstruments.MapLockWait.Record(Stopwatch.GetElapsedTime(waiting).TotalMilliseconds);

        var held = await states.CurrentAsync(session, mapId, CancellationToken.None);
        var answers = new List<(MapWrite, Outcome?, Exception?)>(group.Count);
        var map = held?.Map;
        var appended = 0;
        foreach (var write in group)
        {
            if (map is null)
            {
                answers.Add((write, MapAnswers.MapNotFound, null));
                continue;
            }
            Decision decision;
            try
            {
                decision = write.Decide(map);
            }
            catch (Exception e)
            {
                answers.Add((write, null, e));
                continue;
            }
            answers.Add((write, decision.Outcome, null));
            if (decision.Events.Count == 0) continue;
            // The next write in the group is decided against the map with these events in it (recorded when committed).
            var after = map.Version;
            map = RippleMap.Fold(map, decision.Events.Select((data, i) => Recorded(session, data, write, after + 1 + i)))!;
            foreach (var data in decision.Events)
            {
                var e = session.Events.BuildEvent(data);
                e.UserName = write.ActingSubject;
                e.CorrelationId = write.CorrelationId;
                session.Events.Append(mapId, e);
            }
            foreach (var op in decision.Alongside) op.Execute(session);
            appended += decision.Events.Count;
        }
        activity?.SetTag("map.version", held?.Map.Version).SetTag("map.events_appended", appended);
        if (appended > 0) await session.SaveChangesAsync(CancellationToken.None);
        return answers;
    }

    /// <summary>An event as the journal will record it, for deciding the next write of a group against.</summary>
    private static JasperFx.Events.IEvent Recorded(IDocumentSession session, object data, MapWrite write, long version)
    {
        var e = session.Events.BuildEvent(data);
        e.Version = version;
        e.Timestamp = DateTimeOffset.UtcNow;
        e.UserName = write.ActingSubject;
        return e;
    }

    /// <summary>The key of the advisory lock a map's writes hold while they decide and commit (seen in pg_locks).</summary>
    public static long LockKey(Guid mapId)
    {
        Span<byte> bytes = stackalloc byte[16];
        mapId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}

/// <summary>One write to a map waiting for its group: whose alliance, the decision to make, and who acts.</summary>
public sealed record MapWrite(string Tenant, Guid MapId, Func<RippleMap, Decision> Decide, string? ActingSubject, string? CorrelationId)
{
    internal readonly TaskCompletionSource<Outcome> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The refusals and addresses the map's use cases share.</summary>
public static class MapAnswers
{
    public static readonly Outcome MapNotFound = NotFound("No ripple map with this id in this alliance.");

    public static Outcome NotFound(string detail) => new Outcome.NotFound(detail);

    public static Outcome Conflict(string title, string detail) => new Outcome.Conflict(title, detail);

    public static string MapLocation(Guid allianceId, Guid mapId) => $"/api/alliances/{allianceId}/maps/{mapId}";
}
