using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary>One change on a live map: the map's stream version is also the SSE event id.</summary>
public sealed record MapChange(long Version, string Type, DateTimeOffset At, string? By, object Data)
{
    /// <summary>The change as watchers see it: made from the upcast event, never from the stored data as it is.</summary>
    public static MapChange Of(IEvent e) =>
        new(e.Version, Vocabulary.Naming.ConvertName(e.EventType.Name), e.Timestamp, e.UserName, RippleMapUpcast.Current(e.Data));
}

public static class LiveRippleMapEndpoint
{
    internal static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Server-sent events for every change on the map as it is appended: ripples, links, codings,
    /// disputes, substantiations, withdrawals and sessions. The event id is the map's version;
    /// reconnecting with <c>Last-Event-ID</c> (or <c>?lastEventId=</c>) replays what was missed.
    /// The first event, <c>connected</c>, carries the version the stream starts from. Membership is
    /// checked again before anything is sent (changes or a heartbeat): a person removed from the alliance gets a
    /// final <c>closed</c> event and the stream ends. Each person may hold a few streams open (429 beyond).
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/live", OperationId = "liveRippleMap")]
    public static async Task<IResult> Get(Guid allianceId, Guid mapId, long? lastEventId, HttpContext http, IDocumentStore store,
        MapChangeSignals signals, MapFeeds feeds, RippleMapStates states, AllianceDirectory directory, LiveStreamQuota quota,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var resumeFrom = lastEventId;
        if (http.Request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } header)
        {
            if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return Outcome.InvalidField("Last-Event-ID", "An event id this stream sent (a whole number).").ToHttp();
            resumeFrom = parsed;
        }
        if (resumeFrom < 0) return Outcome.InvalidField("lastEventId", "An event id this stream sent (a whole number).").ToHttp();

        long current;
        await using (var session = store.QuerySession(allianceId.ToString()))
        {
            if (await states.CurrentAsync(session, mapId, ct) is not { } held) return MapAnswers.MapNotFound.ToHttp();
            current = held.Map.Version;
        }

        var subject = ActingSubject.Of(http.User)!;
        if (quota.TryOpen(subject) is not { } slot)
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many live maps open",
                detail: $"You already have {quota.MaxPerPerson} live maps open; close one and try again.");

        // Given back when the request ends, however it ends (even before the stream starts).
        http.Response.RegisterForDispose(slot);
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var stillMember = async (CancellationToken token) =>
            (await directory.FindAsync(allianceId, token))?.MemberBySubject(subject) is not null;
        var changes = Changes(feeds, signals, stillMember, allianceId.ToString(), mapId, resumeFrom ?? current, json.Value.SerializerOptions, ct);
        return TypedResults.ServerSentEvents(Counted(changes));
    }

    private static async IAsyncEnumerable<SseItem<string>> Changes(MapFeeds feeds, MapChangeSignals signals,
        Func<CancellationToken, Task<bool>> stillMember, string tenant, Guid mapId, long after, JsonSerializerOptions json,
        [EnumeratorCancellation] CancellationToken ct)
    {
        yield return new SseItem<string>(JsonSerializer.Serialize(new { version = after }, json), "connected") { EventId = Id(after) };
        var quietSince = DateTimeOffset.UtcNow;
        while (!ct.IsCancellationRequested)
        {
            var next = signals.NextChange(mapId);
            var events = await feeds.AfterAsync(tenant, mapId, after, ct);
            var heartbeatDue = events.Count == 0 && DateTimeOffset.UtcNow - quietSince > Heartbeat;
            // Checked after reading, so nothing recorded after a removal reaches the person removed; a quiet board
            // costs no reads, and someone removed while it is quiet is cut off by the next heartbeat at the latest.
            if ((events.Count > 0 || heartbeatDue) && !await stillMember(ct))
            {
                yield return new SseItem<string>("""{"reason":"You are no longer a member of this alliance."}""", "closed");
                yield break;
            }

            foreach (var change in events)
            {
                after = change.Version;
                var (type, data) = Serialized.GetValue(change, c => Serialize(c, json));
                yield return new SseItem<string>(data, type) { EventId = Id(change.Version) };
            }
            if (events.Count > 0) quietSince = DateTimeOffset.UtcNow;
            else if (heartbeatDue)
            {
                quietSince = DateTimeOffset.UtcNow;
                yield return new SseItem<string>("{}", "heartbeat");
            }

            if (!await Wait(next, ct)) yield break;
        }
    }

    // Listeners of one instance share the changes a map feed read, so each change is written as JSON once for all of them.
    private static readonly ConditionalWeakTable<MapChange, Tuple<string, string>> Serialized = new();

    private static Tuple<string, string> Serialize(MapChange change, JsonSerializerOptions json) =>
        Tuple.Create(change.Type, JsonSerializer.Serialize(change, json));

    /// <summary>Counts the open live streams for the service's metrics.</summary>
    internal static async IAsyncEnumerable<T> Counted<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken ct = default)
    {
        JournalInstruments.LiveMapListeners.Add(1);
        try
        {
            await foreach (var item in items.WithCancellation(ct)) yield return item;
        }
        finally
        {
            JournalInstruments.LiveMapListeners.Add(-1);
        }
    }

    /// <summary>Waits for a change signal or the next look at the journal; false once the client has gone.</summary>
    internal static async Task<bool> Wait(Task next, CancellationToken ct)
    {
        try
        {
            await next.WaitAsync(LookAgain, ct);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return true;
    }

    private static string Id(long version) => version.ToString(CultureInfo.InvariantCulture);
}
