using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// The service as its own process on a cluster of the test's own, with an alliance whose partner writes and whose
/// steward reads the observation list (someone else's list waits for nothing, so it shows what is projected).
/// </summary>
public sealed class FailingJournal : IAsyncDisposable
{
    public const string Steward = "ops-steward@example.org";
    private const string Partner = "ops-partner@example.org";

    private readonly PrivateCluster _cluster;
    private readonly string _schema;

    private FailingJournal(ServiceProcess service, PrivateCluster cluster, string schema) => (Service, _cluster, _schema) = (service, cluster, schema);

    public ServiceProcess Service { get; }
    public Guid AllianceId { get; private set; }
    public Guid PartnerId { get; private set; }

    public static async Task<FailingJournal> StartAsync(PrivateCluster cluster, string schema)
    {
        var journal = new FailingJournal(new ServiceProcess(cluster.ConnectionString, schema), cluster, schema);
        await journal.Service.ApplySchemaAsync();
        await journal.Service.StartAsync();
        // The first requests of a fresh process are slow on a busy machine.
        using var steward = Client(journal.Service, Steward, TimeSpan.FromSeconds(60));
        journal.AllianceId = await Created(await steward.PostAsJsonAsync("/api/alliances", AllianceBuilder.FormBody(name: "Ops alliance")));
        journal.PartnerId = await Created(await steward.PostAsJsonAsync($"/api/alliances/{journal.AllianceId}/partners", new { name = "Harbour Housing", kind = "vcse" }));
        var member = await steward.PostAsJsonAsync($"/api/alliances/{journal.AllianceId}/members",
            new { subject = Partner, displayName = "Partner", role = "partner", partnerId = journal.PartnerId });
        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        return journal;
    }

    public Writers StartWriters(int count) => new(this, Client(Service, Partner), count);

    /// <summary>
    /// SIGKILL, start again half a second later, wait for the first acknowledged write (then run <paramref name="afterEachRestart"/>,
    /// if given), twice: seconds from each kill to that write.
    /// </summary>
    public async Task<List<double>> KillAndRestartTwiceAsync(Writers writers, Func<Task>? afterEachRestart = null)
    {
        var recoveries = new List<double>();
        for (var kill = 1; kill <= 2; kill++)
        {
            await Service.KillAsync();
            var killedAt = DateTime.UtcNow;
            await Task.Delay(500);
            await Service.StartAsync();
            recoveries.Add(await writers.UntilAcknowledgedAfterAsync(killedAt, TimeSpan.FromSeconds(30)));
            if (afterEachRestart is not null) await afterEachRestart();
            await Task.Delay(2000);
        }
        return recoveries;
    }

    /// <summary>
    /// Reads the steward's list of the writers' observations until it holds every one of <paramref name="ids"/> or the bound
    /// passes. The first reading walks every page. A projection takes the journal in order, so what it adds later was
    /// written after everything listed before: the list (newest first, all observed at one moment, so in journal order)
    /// shows it above what was seen already, and later readings stop at the first observation seen before.
    /// </summary>
    public async Task<ListedAfter> UntilListedAsync(IReadOnlyCollection<Guid> ids, DateTime since, TimeSpan within)
    {
        using var steward = Client(Service, Steward);
        var missing = ids.Select(id => id.ToString()).ToHashSet();
        var seen = new HashSet<string>();
        while (true)
        {
            string? cursor = null;
            var reachedSeen = false;
            do
            {
                var url = $"/api/alliances/{AllianceId}/observations?limit=500&from={Writers.ObservedAt}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                var page = JsonNode.Parse(await steward.GetStringAsync(url))!;
                foreach (var id in page.Ids())
                {
                    reachedSeen |= !seen.Add(id);
                    missing.Remove(id);
                }
                cursor = (string?)page["nextCursor"];
            } while (cursor is not null && missing.Count > 0 && !reachedSeen);
            var seconds = (DateTime.UtcNow - since).TotalSeconds;
            if (missing.Count == 0 || seconds > within.TotalSeconds) return new ListedAfter(missing.Count, ids.Count, seconds);
            await Task.Delay(100);
        }
    }

    /// <summary>The journal's last sequence number now: what every projection has to reach.</summary>
    public async Task<long> JournalEndAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {_schema}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Waits until every asynchronous projection has processed the journal up to <paramref name="end"/>: seconds from
    /// <paramref name="since"/> to then, and the projections still short of it once the bound has passed.
    /// </summary>
    public async Task<(double Seconds, string[] Behind)> UntilEveryProjectionReachesAsync(long end, DateTime since, TimeSpan within)
    {
        while (true)
        {
            var names = new List<string>();
            try
            {
                await using var connection = await OpenAsync();
                await using var behind = new NpgsqlCommand(
                    $"select name from {_schema}.mt_event_progression where name like '%:%' and last_seq_id < @end order by name", connection);
                behind.Parameters.AddWithValue("end", end);
                await using var reader = await behind.ExecuteReaderAsync();
                while (await reader.ReadAsync()) names.Add(reader.GetString(0));
            }
            catch (NpgsqlException e) when (e.IsTransient)
            {
                names.Add($"(the database answered: {e.Message})");
            }
            var seconds = (DateTime.UtcNow - since).TotalSeconds;
            if (names.Count == 0 || seconds > within.TotalSeconds) return (seconds, [.. names]);
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Moves a projection's stored progress one event on behind its agent's back, as a batch does that committed without
    /// its acknowledgement reaching the agent (the connection broke as the database went down), or the last batch of an
    /// agent that was replaced while it was still writing. The agent's next batch then finds the progress moved. Unlike
    /// such a batch this projects nothing: the stream of the event passed over (if there is one yet) is returned.
    /// </summary>
    public async Task<Guid?> MoveProgressBehindTheAgentAsync(string shard)
    {
        // On a loaded machine the projection may not have stored any progress yet, though every one that has is past the end.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await HasProgressAsync(shard) && DateTime.UtcNow < deadline) await Task.Delay(100);
        await using var connection = await OpenAsync();
        await using var move = new NpgsqlCommand($"""
            with moved as (update {_schema}.mt_event_progression set last_seq_id = last_seq_id + 1 where name = @shard returning last_seq_id)
            select moved.last_seq_id, (select e.stream_id from {_schema}.mt_events e where e.seq_id = moved.last_seq_id) from moved
            """, connection);
        move.Parameters.AddWithValue("shard", shard);
        await using var reader = await move.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{shard} has no stored progress");
        return reader.IsDBNull(1) ? null : reader.GetGuid(1);
    }

    private async Task<bool> HasProgressAsync(string shard)
    {
        await using var connection = await OpenAsync();
        await using var stored = new NpgsqlCommand($"select count(*) from {_schema}.mt_event_progression where name = @shard", connection);
        stored.Parameters.AddWithValue("shard", shard);
        return (long)(await stored.ExecuteScalarAsync())! > 0;
    }

    // Not pooled: a pooled connection would not outlive the next restart of the database.
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_cluster.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Everything the service wrote, in a file kept for a person to read.</summary>
    public string SaveLog()
    {
        var path = Path.Combine(Path.GetTempPath(), $"impactjournal-service-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Service.Port}.log");
        File.WriteAllLines(path, Service.Output);
        return path;
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();

    public static HttpClient Client(ServiceProcess service, string subject, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = service.Address, Timeout = timeout ?? TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(subject));
        return client;
    }

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["id"]!.GetValue<string>());
    }
}

/// <summary>How many of the acknowledged observations the list still lacked, and when (seconds after the moment measured from).</summary>
public sealed record ListedAfter(int Missing, int Of, double Seconds)
{
    public override string ToString() => Missing == 0
        ? $"all {Of} acknowledged listed {Seconds:0.0} s after"
        : $"{Missing} of {Of} acknowledged still not listed {Seconds:0.0} s after";
}

/// <summary>One write: the observation's id, when it was sent, what came back and how long it took.</summary>
public sealed record Attempt(Guid Id, DateTime StartedAt, int Status, TimeSpan Took, bool RetryAfter)
{
    public bool Acknowledged => Status is 200 or 201;
}

/// <summary>Partners logging observations with ids of their own as fast as the service takes them, each request's body a function of its id.</summary>
public sealed class Writers : IAsyncDisposable
{
    /// <summary>When every observation the writers log was observed (the same for all, so a retry sends the same body).</summary>
    public const string ObservedAt = "2025-05-01T10:00:00Z";

    private readonly FailingJournal _journal;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops;

    public Writers(FailingJournal journal, HttpClient client, int count)
    {
        (_journal, _client) = (journal, client);
        _loops = [.. Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
                if (!(await WriteAsync(Guid.NewGuid())).Acknowledged) await Task.Delay(50);
        }))];
    }

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    /// <summary>The ids acknowledged so far.</summary>
    public Guid[] Acknowledged => [.. _acknowledged.Keys];
    private readonly ConcurrentDictionary<Guid, byte> _acknowledged = new();

    public Guid[] EveryId => [.. Attempts.Select(a => a.Id).Distinct()];

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    /// <summary>Seconds from <paramref name="after"/> to the first write sent after it and acknowledged (waiting at most <paramref name="within"/> from now).</summary>
    public async Task<double> UntilAcknowledgedAfterAsync(DateTime after, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Attempts.Any(a => a.StartedAt > after && a.Acknowledged) && DateTime.UtcNow < deadline) await Task.Delay(50);
        var first = Attempts.Where(a => a.StartedAt > after && a.Acknowledged).Select(a => a.StartedAt + a.Took).DefaultIfEmpty().Min();
        Assert.True(first != default, $"no write was acknowledged within {within.TotalSeconds:0} s; answers since: " +
            string.Join(", ", Attempts.Where(a => a.StartedAt > after).GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        return (first - after).TotalSeconds;
    }

    /// <summary>Everything not acknowledged is retried with the same id, the client's only safe move: how many were.</summary>
    public async Task<int> RetryUnacknowledgedAsync()
    {
        var unacknowledged = Attempts.Select(a => a.Id).Distinct().Where(id => !_acknowledged.ContainsKey(id)).ToList();
        foreach (var id in unacknowledged)
        {
            var status = 0;
            for (var attempt = 0; attempt < 5 && status is not (200 or 201); attempt++) status = (await WriteAsync(id)).Status;
            Assert.True(status is 200 or 201, $"retrying {id} answered {status}");
        }
        return unacknowledged.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task<Attempt> WriteAsync(Guid id)
    {
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var body = ObservationBuilder.Body(id, text: $"Written under fire {id}", observedAt: ObservedAt, partnerId: _journal.PartnerId);
        Attempt attempt;
        try
        {
            using var response = await _client.PostAsJsonAsync($"/api/alliances/{_journal.AllianceId}/observations", body, JsonSerializerOptions.Web);
            attempt = new Attempt(id, started, (int)response.StatusCode, watch.Elapsed, response.Headers.RetryAfter is not null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            attempt = new Attempt(id, started, 0, watch.Elapsed, false);
        }
        Attempts.Enqueue(attempt);
        if (attempt.Acknowledged) _acknowledged[id] = 0;
        return attempt;
    }
}
