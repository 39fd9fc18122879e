using System.Text.Json.Nodes;

namespace ImpactJournal.Tests.Support;

public sealed record ServerEvent(string? Id, string Type, JsonNode Data);

/// <summary>Reads a server-sent event stream one event at a time (heartbeats skipped).</summary>
public sealed class EventReader(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public async Task<ServerEvent> Next(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.Length == 0)
            {
                if (data is not null && type != "heartbeat") return new ServerEvent(id, type ?? "message", JsonNode.Parse(data)!);
                id = type = data = null;
                continue;
            }
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) type = line[7..];
            else if (line.StartsWith("data: ")) data = line[6..];
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
