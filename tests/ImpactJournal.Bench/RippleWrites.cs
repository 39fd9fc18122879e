using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ImpactJournal.Bench;

/// <summary>Ripples posted to a map during a live run: when each was sent, which were acknowledged, how many failed.</summary>
public sealed class RippleWrites(BenchClient client, string token, string mapUrl)
{
    private long _errors;

    public ConcurrentDictionary<string, long> Sent { get; } = new();
    public ConcurrentBag<string> Acknowledged { get; } = [];
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Posts one ripple; true when it was acknowledged (201).</summary>
    public async Task<bool> PostAsync(string id, HttpContent body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{mapUrl}/ripples") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Sent[id] = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.Http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Acknowledged.Add(id);
                return true;
            }
        }
        catch (HttpRequestException)
        {
        }
        Interlocked.Increment(ref _errors);
        return false;
    }

    /// <summary>The rows every live run reports: ripples acknowledged, lost from the map, refused or failed.</summary>
    public async Task ReportAsync(Report report, string prefix, string run, TimeSpan duration, Func<Task<JsonNode>> map)
    {
        var lost = await LostAsync(map);
        report.Row($"{prefix}: {run}, {duration.TotalSeconds:0} s — ripples acknowledged",
            $"{Acknowledged.Count:N0} ({Acknowledged.Count / duration.TotalSeconds:N0}/s)", "", "", "", null);
        report.Row($"{prefix}: acknowledged ripples missing from the map", $"{lost}", "", "", "0", lost == 0);
        report.Row($"{prefix}: writes refused or failed (non-201)", $"{Errors}", "", "", "0", Errors == 0);
    }

    /// <summary>Acknowledged ripples the map does not hold.</summary>
    private async Task<int> LostAsync(Func<Task<JsonNode>> map)
    {
        var inMap = (await map())["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToHashSet();
        return Acknowledged.Count(id => !inMap.Contains(id));
    }
}
