using System.Text.Json.Nodes;
using Alba;
using Xunit;

namespace ImpactJournal.Tests.Support;

public sealed record ServerEvent(string? Id, string Type, JsonNode Data);

/// <summary>An event whose data is text rather than JSON (its data lines joined, as a browser's EventSource joins them).</summary>
public sealed record ServerText(string? Id, string Type, string Data);

public static class ServerEvents
{
    public static HttpRequestMessage Request(string url, string subject, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", TestTokens.For(subject));
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return request;
    }

    /// <summary>Opens a live stream as the person, resuming after the event id when one is given.</summary>
    public static async Task<EventReader> OpenAsync(IAlbaHost host, string url, string subject, string? lastEventId)
    {
        var response = await host.Server.CreateClient().SendAsync(Request(url, subject, lastEventId), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        return new EventReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }
}

/// <summary>Reads a server-sent event stream one event at a time (heartbeats skipped).</summary>
public sealed class EventReader(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public async Task<ServerEvent> Next(TimeSpan? within = null)
    {
        var next = await NextText(within);
        return new ServerEvent(next.Id, next.Type, JsonNode.Parse(next.Data)!);
    }

    public async Task<ServerText> NextText(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.Length == 0)
            {
                if (data is not null && type != "heartbeat") return new ServerText(id, type ?? "message", data);
                id = type = data = null;
                continue;
            }
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) type = line[7..];
            else if (line.StartsWith("data: ")) data = data is null ? line[6..] : data + "\n" + line[6..];
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
