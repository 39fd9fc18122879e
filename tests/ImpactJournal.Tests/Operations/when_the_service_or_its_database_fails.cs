using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// A standing guard: the service as its own process, on a database cluster of the test's own, under
/// concurrent writers that use client ids. Killed with SIGKILL twice, every acknowledged write is still
/// there and every unacknowledged one can be retried without a duplicate. With PostgreSQL restarted
/// under load, requests fail fast with 503, readiness says not ready, and writes resume by themselves.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_the_service_or_its_database_fails(ITestOutputHelper output)
{
    private const string Steward = "ops-steward@example.org";
    private const string Partner = "ops-partner@example.org";

    private sealed record Attempt(DateTime StartedAt, int Status, TimeSpan Took, bool RetryAfter);

    [Fact]
    public async Task acknowledged_writes_survive_two_sigkills_and_retries_never_duplicate()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var service = new ServiceProcess(cluster.ConnectionString, "crash");
        await service.ApplySchemaAsync();
        await service.StartAsync();
        var (allianceId, partnerId) = await FormAllianceAsync(service);
        using var writer = Client(service, Partner);

        var acknowledged = new ConcurrentDictionary<Guid, byte>();
        var unsure = new ConcurrentDictionary<Guid, byte>();
        var firstAckAfter = new ConcurrentDictionary<int, DateTime>();
        var life = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid();
                var status = await TryLogAsync(writer, allianceId, partnerId, id);
                if (status is 200 or 201)
                {
                    acknowledged[id] = 0;
                    firstAckAfter.TryAdd(Volatile.Read(ref life), DateTime.UtcNow);
                }
                else
                {
                    unsure[id] = 0;
                    await Task.Delay(50);
                }
            }
        })).ToList();

        var recoveries = new List<double>();
        await Task.Delay(2500);
        for (var kill = 1; kill <= 2; kill++)
        {
            await service.KillAsync();
            var killedAt = DateTime.UtcNow;
            Interlocked.Increment(ref life);
            await Task.Delay(500);
            await service.StartAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!firstAckAfter.ContainsKey(kill) && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.True(firstAckAfter.ContainsKey(kill), "writes should succeed again after the restart");
            recoveries.Add((firstAckAfter[kill] - killedAt).TotalSeconds);
            await Task.Delay(2000);
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // Everything not acknowledged is retried with the same id: the client's only safe move.
        var retried = 0;
        foreach (var id in unsure.Keys.Where(id => !acknowledged.ContainsKey(id)))
        {
            var status = 0;
            for (var attempt = 0; attempt < 5 && status is not (200 or 201); attempt++) status = await TryLogAsync(writer, allianceId, partnerId, id);
            Assert.True(status is 200 or 201, $"retrying {id} answered {status}");
            retried++;
        }

        var everyId = acknowledged.Keys.Concat(unsure.Keys).Distinct().ToArray();
        var (events, streams) = await CountLoggedAsync(cluster, "crash", everyId);
        var (_, acknowledgedFound) = await CountLoggedAsync(cluster, "crash", [.. acknowledged.Keys]);
        var lost = acknowledged.Count - acknowledgedFound;
        foreach (var id in acknowledged.Keys.Take(300))
            Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/alliances/{allianceId}/observations/{id}")).StatusCode);

        var figures = $"SIGKILL x2 under 8 writers: {acknowledged.Count} acknowledged, {lost} lost, {events - streams} duplicated, " +
                      $"{retried} unacknowledged retried, {everyId.Length} ids, {events} observation_logged events; " +
                      $"writes again {string.Join(" s and ", recoveries.Select(r => r.ToString("0.0")))} s after each kill";
        output.WriteLine(figures);
        Console.WriteLine(figures);
        Assert.Equal(0, lost);
        Assert.Equal(everyId.Length, streams);
        Assert.Equal(everyId.Length, events);
        AssertEveryJsonLineHasItsTime(service);
    }

    [Fact]
    public async Task a_database_restart_under_load_answers_503_fast_and_writes_resume_on_their_own()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var service = new ServiceProcess(cluster.ConnectionString, "outage");
        await service.ApplySchemaAsync();
        await service.StartAsync();
        var (allianceId, partnerId) = await FormAllianceAsync(service);
        using var writer = Client(service, Partner);
        using var anonymous = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(20) };

        var attempts = new ConcurrentQueue<Attempt>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = DateTime.UtcNow;
                var watch = Stopwatch.StartNew();
                var (status, retryAfter) = await TryLogWithHeadersAsync(writer, allianceId, partnerId, Guid.NewGuid());
                attempts.Enqueue(new Attempt(started, status, watch.Elapsed, retryAfter));
                if (status is not (200 or 201)) await Task.Delay(100);
            }
        })).ToList();

        await Task.Delay(2000);
        await cluster.StopAsync();
        var downAt = DateTime.UtcNow;
        await Task.Delay(1500);
        var readyWhileDown = (int)(await anonymous.GetAsync("/health/ready")).StatusCode;
        await Task.Delay(3500);
        var restartAt = DateTime.UtcNow;
        await cluster.StartAgainAsync();
        var upAt = DateTime.UtcNow;
        var deadline = upAt.AddSeconds(30);
        while (!attempts.Any(a => a.StartedAt > upAt && a.Status is 201) && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var during = attempts.Where(a => a.StartedAt > downAt.AddSeconds(0.5) && a.StartedAt + a.Took < restartAt).ToList();
        var firstAfter = attempts.Where(a => a.StartedAt > upAt && a.Status == 201).Select(a => a.StartedAt + a.Took).DefaultIfEmpty(DateTime.MaxValue).Min();
        var recovery = (firstAfter - upAt).TotalSeconds;
        var figures = $"PostgreSQL down {(upAt - downAt).TotalSeconds:0.0} s under 4 writers: {attempts.Count} requests, {during.Count} during the outage " +
                      $"({during.Count(a => a.Status == 503)} answered 503, slowest {during.Select(a => a.Took.TotalSeconds).DefaultIfEmpty(0).Max():0.00} s), " +
                      $"ready answered {readyWhileDown} while down, writes again {recovery:0.0} s after it returned; statuses " +
                      string.Join(", ", attempts.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        output.WriteLine(figures);
        Console.WriteLine(figures);

        Assert.NotEmpty(during);
        Assert.All(during, a => Assert.True(a.Status == 503 && a.RetryAfter, $"during the outage: {a.Status}"));
        Assert.All(attempts, a => Assert.True(a.Took < TimeSpan.FromSeconds(10), $"a request took {a.Took.TotalSeconds:0.0} s"));
        Assert.DoesNotContain(attempts, a => a.Status is >= 500 and not 503 or 0);
        Assert.Equal(503, readyWhileDown);
        Assert.InRange(recovery, 0, 15);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        var errors = service.Output.Where(l => l.Contains("\"LogLevel\":\"Error\"") || l.Contains("\"LogLevel\":\"Critical\"")).ToList();
        Assert.True(errors.Count <= 3, $"{errors.Count} error lines for one outage:\n" + string.Join("\n", errors
            .GroupBy(e => JsonNode.Parse(e)?["Category"]?.GetValue<string>()).Select(g => $"{g.Count()} × {g.Key}: {g.First()[..Math.Min(300, g.First().Length)]}")));
    }

    private static HttpClient Client(ServiceProcess service, string subject)
    {
        var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(subject));
        return client;
    }

    private static async Task<(Guid AllianceId, Guid PartnerId)> FormAllianceAsync(ServiceProcess service)
    {
        using var steward = Client(service, Steward);
        var alliance = await Created(await steward.PostAsJsonAsync("/api/alliances", AllianceBuilder.FormBody(name: "Ops alliance")));
        var partner = await Created(await steward.PostAsJsonAsync($"/api/alliances/{alliance}/partners", new { name = "Harbour Housing", kind = "vcse" }));
        var member = await steward.PostAsJsonAsync($"/api/alliances/{alliance}/members",
            new { subject = Partner, displayName = "Partner", role = "partner", partnerId = partner });
        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        return (alliance, partner);
    }

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["id"]!.GetValue<string>());
    }

    /// <summary>The body is a function of the id, so a retry sends exactly the same request.</summary>
    private static object Body(Guid id, Guid partnerId) =>
        ObservationBuilder.Body(id, text: $"Written under fire {id}", observedAt: "2025-05-01T10:00:00Z", partnerId: partnerId);

    private static async Task<int> TryLogAsync(HttpClient client, Guid allianceId, Guid partnerId, Guid id) =>
        (await TryLogWithHeadersAsync(client, allianceId, partnerId, id)).Status;

    private static async Task<(int Status, bool RetryAfter)> TryLogWithHeadersAsync(HttpClient client, Guid allianceId, Guid partnerId, Guid id)
    {
        try
        {
            using var response = await client.PostAsJsonAsync($"/api/alliances/{allianceId}/observations", Body(id, partnerId), JsonSerializerOptions.Web);
            return ((int)response.StatusCode, response.Headers.RetryAfter is not null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, false);
        }
    }

    private static async Task<(long Events, long Streams)> CountLoggedAsync(PrivateCluster cluster, string schema, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*), count(distinct stream_id) from {schema}.mt_events where type = 'observation_logged' and stream_id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static void AssertEveryJsonLineHasItsTime(ServiceProcess service)
    {
        var lines = service.Output.Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.True(JsonNode.Parse(line)?["Timestamp"] is not null, line[..Math.Min(200, line.Length)]));
    }
}
