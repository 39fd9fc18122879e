using System.Globalization;
using System.Runtime.CompilerServices;
using ImpactJournal.RippleMaps;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

public sealed partial class BoardModel
{
    /// <summary>
    /// The board's own live stream: each change to the map arrives as a <c>patch</c> event whose data is the HTML
    /// board.js patches in and whose id is the map version it brings the board to, made once for every open board
    /// (<see cref="BoardPatches"/>). It starts after <c>?after=</c> (the version the page shows) or, on a reconnect,
    /// after <c>Last-Event-ID</c>, so missed versions are caught up. Membership is checked again before anything is
    /// sent; a person removed gets a final <c>closed</c> event. API clients follow <c>GET …/maps/{m}/live</c> instead.
    /// </summary>
    public async Task<IActionResult> OnGetStreamAsync(long? after, [FromServices] BoardPatches patches, [FromServices] MapChangeSignals signals,
        [FromServices] LiveStreamQuota quota, CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        var resumeFrom = after;
        if (Request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } header)
        {
            if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return Refused(StatusCodes.Status400BadRequest, "Not an event id", "Last-Event-ID must be an event id this stream sent (a whole number).");
            resumeFrom = parsed;
        }
        if (resumeFrom < 0) return Refused(StatusCodes.Status400BadRequest, "Not an event id", "after must be a map version (a whole number).");
        if (await patches.AfterAsync(Alliance, MapId, null, ct) is not var (current, _))
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no ripple map here.");
        if (quota.TryOpen(Subject) is not { } slot)
            return Refused(StatusCodes.Status429TooManyRequests, "Too many live maps open",
                $"You already have {quota.MaxPerPerson} live maps open; close one and try again.");

        Response.RegisterForDispose(slot);
        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-cache,no-store";
        Response.Headers.Pragma = "no-cache";
        Response.Headers.ContentEncoding = "identity";
        Response.Headers["X-Accel-Buffering"] = "no";
        HttpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var subject = Subject;
        var stillMember = async (CancellationToken token) => (await Directory.FindAsync(AllianceId, token))?.MemberBySubject(subject) is not null;
        try
        {
            // Each event is written as the bytes it was framed in once for every board (a patch's, however large).
            await foreach (var sent in LiveRippleMapEndpoint.Counted(Patches(patches, signals, stillMember, resumeFrom ?? current, ct), ct))
                await Response.BodyWriter.WriteAsync(sent, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The board was closed.
        }
        return new EmptyResult();
    }

    private async IAsyncEnumerable<byte[]> Patches(BoardPatches patches, MapChangeSignals signals,
        Func<CancellationToken, Task<bool>> stillMember, long after, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return BoardEvent.Connected(after);
        var quietSince = DateTimeOffset.UtcNow;
        while (!ct.IsCancellationRequested)
        {
            var next = signals.NextChange(MapId);
            if (await patches.AfterAsync(Alliance, MapId, after, ct) is not var (_, found)) yield break;
            var heartbeatDue = found.Count == 0 && DateTimeOffset.UtcNow - quietSince > LiveRippleMapEndpoint.Heartbeat;
            if ((found.Count > 0 || heartbeatDue) && !await stillMember(ct))
            {
                yield return BoardEvent.NoLongerMember;
                yield break;
            }
            foreach (var patch in found)
            {
                after = patch.Version;
                yield return patch.Event;
            }
            if (found.Count > 0) quietSince = DateTimeOffset.UtcNow;
            else if (heartbeatDue)
            {
                quietSince = DateTimeOffset.UtcNow;
                yield return BoardEvent.Heartbeat;
            }
            if (!await LiveRippleMapEndpoint.Wait(next, ct)) yield break;
        }
    }
}
