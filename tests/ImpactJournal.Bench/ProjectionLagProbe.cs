using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ImpactJournal.Bench;

/// <summary>Reads the service's projection lag from /health/ready, as an operator's monitoring would.</summary>
public static class ProjectionLagProbe
{
    private const double ObservationsPerSecond = 300;

    /// <summary>The largest lag (seconds, events) over the service's asynchronous projections now.</summary>
    public static async Task<(double Seconds, long Events)> NowAsync(BenchClient client)
    {
        var report = JsonNode.Parse(await client.Http.GetStringAsync("/health/ready"))!;
        var projections = report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "projections")!["data"]!.AsObject();
        return (projections.Select(p => p.Value!["seconds"]!.GetValue<double>()).DefaultIfEmpty(0).Max(),
                projections.Select(p => p.Value!["events"]!.GetValue<long>()).DefaultIfEmpty(0).Max());
    }

    public static async Task CaughtUpAsync(BenchClient client, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while ((await NowAsync(client)).Events > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The projections did not catch up within {within.TotalMinutes:0} min");
            await Task.Delay(250);
        }
    }

    /// <summary>A sustained 300 new observations a second into the largest alliance, with the lag sampled every 250 ms.</summary>
    public static async Task UnderLoadAsync(BenchClient client, ScaleJournal journal, BenchOptions options, Report report)
    {
        var memory = new PeakMemory(options.ServicePid);
        var alliance = journal.Largest;
        var url = $"/api/alliances/{alliance.Id}/observations";
        var token = client.Token(ScaleJournal.Steward);
        var acknowledged = new Latencies();
        var lag = new List<double>();
        var total = (int)(ObservationsPerSecond * options.LiveDuration.TotalSeconds);
        using var inFlight = new SemaphoreSlim(256);
        using var done = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                try { lag.Add((await NowAsync(client)).Seconds); } catch (HttpRequestException) { }
                try { await Task.Delay(250, done.Token); } catch (OperationCanceledException) { }
            }
        });

        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / ObservationsPerSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await inFlight.WaitAsync();
            var partner = alliance.Partners[i % alliance.Partners.Length];
            sends.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url)
                    {
                        Content = JsonContent.Create(new
                        {
                            id = Guid.CreateVersion7(), text = "Two more families came to the Tuesday table.", observedAt = DateTimeOffset.UtcNow,
                            themes = new[] { "food" }, capitals = new[] { "social" }, valence = "generative", partnerId = partner,
                            consent = new { scope = "commissioners", identifiable = false }
                        })
                    };
                    request.Headers.Authorization = new("Bearer", token);
                    using var response = await client.Http.SendAsync(request);
                    if (response.IsSuccessStatusCode) acknowledged.Add(watch.Elapsed.TotalMilliseconds);
                    else acknowledged.Error();
                }
                catch (HttpRequestException) { acknowledged.Error(); }
                finally { inFlight.Release(); }
            }));
        }
        await Task.WhenAll(sends);
        var sent = clock.Elapsed;
        var drained = Stopwatch.StartNew();
        await CaughtUpAsync(client, TimeSpan.FromMinutes(5));
        await done.CancelAsync();
        await sampling;
        var peak = memory.Stop();

        var sorted = lag.Order().ToArray();
        var p95 = sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
        report.Row($"sustained {ObservationsPerSecond:0} observations/s for {options.LiveDuration.TotalSeconds:0} s: achieved rate, errors",
            $"{acknowledged.Count / sent.TotalSeconds:N0}/s, {acknowledged.Errors} errors", "", "", "0 errors", acknowledged.Errors == 0);
        report.Row("  acknowledgement p95", $"{acknowledged.Percentile(95):N0} ms", "", "", "", null);
        report.Row("  projection lag p95 (from /health/ready every 250 ms)", $"{p95:0.00} s (max {sorted.DefaultIfEmpty(double.NaN).Max():0.00} s)", "", "", "< 2 s", p95 < 2);
        report.Row("  caught up after the last write", $"{drained.Elapsed.TotalSeconds:0.0} s", "", "", "", null);
        report.Row("  peak service memory under this load (RSS)", $"{peak:N0} MB", "", "", "< 400 MB", peak < 400);
    }
}
