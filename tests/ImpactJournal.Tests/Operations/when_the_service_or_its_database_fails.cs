using System.Net;
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
/// Either way the projections catch up by themselves: every acknowledged observation is listed within
/// <see cref="ListedWithin"/>. STRESS_RUNS=N repeats the whole sequence (two SIGKILLs, a database restart
/// and an outage) N times on fresh clusters, to catch what fails one run in several.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_the_service_or_its_database_fails(ITestOutputHelper output)
{
    private static readonly TimeSpan ListedWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProjectingWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task acknowledged_writes_survive_two_sigkills_and_retries_never_duplicate()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var journal = await FailingJournal.StartAsync(cluster, "crash");
        await using var writers = journal.StartWriters(8);

        await Task.Delay(2500);
        var recoveries = await journal.KillAndRestartTwiceAsync(writers);
        await writers.StopAsync();
        var retried = await writers.RetryUnacknowledgedAsync();
        var lastWrite = DateTime.UtcNow;

        var everyId = writers.EveryId;
        var (events, streams) = await CountLoggedAsync(cluster, "crash", everyId);
        var (_, acknowledgedFound) = await CountLoggedAsync(cluster, "crash", writers.Acknowledged);
        var lost = writers.Acknowledged.Length - acknowledgedFound;
        var listed = await journal.UntilListedAsync(writers.Acknowledged, lastWrite, ListedWithin);
        using var steward = FailingJournal.Client(journal.Service, FailingJournal.Steward);
        foreach (var id in writers.Acknowledged.Take(300))
            Assert.Equal(HttpStatusCode.OK, (await steward.GetAsync($"/api/alliances/{journal.AllianceId}/observations/{id}")).StatusCode);

        Report($"SIGKILL x2 under 8 writers: {writers.Acknowledged.Length} acknowledged, {lost} lost, {events - streams} duplicated, " +
               $"{retried} unacknowledged retried, {everyId.Length} ids, {events} observation_logged events; " +
               $"writes again {string.Join(" s and ", recoveries.Select(r => r.ToString("0.0")))} s after each kill; {listed}");
        Assert.Equal(0, lost);
        Assert.Equal(everyId.Length, streams);
        Assert.Equal(everyId.Length, events);
        Assert.True(listed.Missing == 0, $"{listed} (bound {ListedWithin.TotalSeconds:0} s after the last write)");
        AssertEveryJsonLineHasItsTime(journal.Service);
    }

    [Fact]
    public async Task a_database_restart_under_load_answers_503_fast_and_writes_resume_on_their_own()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var journal = await FailingJournal.StartAsync(cluster, "outage");
        using var anonymous = new HttpClient { BaseAddress = journal.Service.Address, Timeout = TimeSpan.FromSeconds(20) };
        await using var writers = journal.StartWriters(4);

        await Task.Delay(2000);
        await cluster.StopAsync();
        var downAt = DateTime.UtcNow;
        await Task.Delay(1500);
        var readyWhileDown = (int)(await anonymous.GetAsync("/health/ready")).StatusCode;
        await Task.Delay(3500);
        var restartAt = DateTime.UtcNow;
        await cluster.StartAgainAsync();
        var upAt = DateTime.UtcNow;
        var recovery = await writers.UntilAcknowledgedAfterAsync(upAt, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        await writers.StopAsync();
        var listed = await journal.UntilListedAsync(writers.Acknowledged, upAt, ListedWithin);

        var attempts = writers.Attempts.ToList();
        var during = attempts.Where(a => a.StartedAt > downAt.AddSeconds(0.5) && a.StartedAt + a.Took < restartAt).ToList();
        Report($"PostgreSQL down {(upAt - downAt).TotalSeconds:0.0} s under 4 writers: {attempts.Count} requests, {during.Count} during the outage " +
               $"({during.Count(a => a.Status == 503)} answered 503, slowest {during.Select(a => a.Took.TotalSeconds).DefaultIfEmpty(0).Max():0.00} s), " +
               $"ready answered {readyWhileDown} while down, writes again {recovery:0.0} s after it returned; statuses " +
               string.Join(", ", attempts.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")) + $"; {listed}");

        Assert.NotEmpty(during);
        Assert.All(during, a => Assert.True(a.Status == 503 && a.RetryAfter, $"during the outage: {a.Status}"));
        Assert.All(attempts, a => Assert.True(a.Took < TimeSpan.FromSeconds(10), $"a request took {a.Took.TotalSeconds:0.0} s"));
        Assert.DoesNotContain(attempts, a => a.Status is >= 500 and not 503 or 0);
        Assert.Equal(503, readyWhileDown);
        Assert.InRange(recovery, 0, 15);
        Assert.True(listed.Missing == 0, $"{listed} (bound {ListedWithin.TotalSeconds:0} s after the database returned)");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        var errors = journal.Service.Output.Where(l => l.Contains("\"LogLevel\":\"Error\"") || l.Contains("\"LogLevel\":\"Critical\"")).ToList();
        Assert.True(errors.Count <= 3, $"{errors.Count} error lines for one outage:\n" + string.Join("\n", errors
            .GroupBy(e => JsonNode.Parse(e)?["Category"]?.GetValue<string>()).Select(g => $"{g.Count()} × {g.Key}: {g.First()[..Math.Min(300, g.First().Length)]}")));
    }

    /// <summary>
    /// The sequence of a fault drill: 8 writers, two SIGKILLs of the service, then a PostgreSQL restart, then a 5 s
    /// outage. Within <see cref="ProjectingWithin"/> of the first write acknowledged by each restarted service, and of
    /// each return of the database, every projection has processed the first writes made after it, and within <see cref="ListedWithin"/> every observation acknowledged before it is
    /// listed; once the writers stop, every acknowledged observation is listed within the same bound of the last write.
    /// </summary>
    [Fact]
    public async Task projections_catch_up_after_sigkills_then_a_database_restart_and_an_outage()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("STRESS_RUNS"), out var n) && n > 0 ? n : 1;
        var failures = new List<string>();
        var catchUps = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await using var cluster = await PrivateCluster.StartAsync();
            await using var journal = await FailingJournal.StartAsync(cluster, "drill");
            string figures;
            bool failed;
            try
            {
                (figures, var seconds) = await DrillAsync(cluster, journal);
                failed = seconds.Any(s => s is null);
                catchUps.AddRange(seconds.OfType<double>());
            }
            catch (Exception e)
            {
                (figures, failed) = ($"failed: {e.Message}", true);
            }
            figures = $"run {run}/{runs}: {figures}";
            // Under stress every run's log is kept, to compare a stalled run with those that were not.
            if (failed || runs > 1) figures += $"; the service's log: {journal.SaveLog()}";
            Report(figures);
            if (failed) failures.Add(figures);
        }
        Report($"{runs} runs: {failures.Count} failed; slowest (projections past the first new writes, or acknowledged listed) " +
               $"{catchUps.DefaultIfEmpty(0).Max():0.0} s after the database returned or a restarted service acknowledged its first write");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// One drill: what it measured; for each restart of the service the seconds from its first acknowledged write until
    /// every projection had processed the journal up to it; for each return of the database the seconds until every
    /// projection had processed the journal up to the first writes acknowledged after it, and until every acknowledged
    /// observation was listed (null when not within its bound).
    /// </summary>
    private static async Task<(string Figures, List<double?> Seconds)> DrillAsync(PrivateCluster cluster, FailingJournal journal)
    {
        await using var writers = journal.StartWriters(8);
        await Task.Delay(2500);
        var figures = new List<string>();
        var seconds = new List<double?>();
        // Started again after a SIGKILL, the service must be projecting again too: every projection processes the journal
        // up to its first acknowledged write within the bound.
        await journal.KillAndRestartTwiceAsync(writers, async () =>
        {
            var since = DateTime.UtcNow;
            var (projected, behind) = await journal.UntilEveryProjectionReachesAsync(await journal.JournalEndAsync(), since, ProjectingWithin);
            figures.Add($"after SIGKILL {figures.Count + 1} " + (behind.Length == 0
                ? $"every projection past the first acknowledged write {projected:0.0} s after it"
                : $"{string.Join(", ", behind)} short of the first acknowledged write {projected:0.0} s after it"));
            seconds.Add(behind.Length == 0 ? projected : null);
        });
        foreach (var (down, name) in new[] { (TimeSpan.Zero, "restart"), (TimeSpan.FromSeconds(5), "5 s outage") })
        {
            await cluster.StopAsync();
            await Task.Delay(down);
            await cluster.StartAgainAsync();
            var upAt = DateTime.UtcNow;
            // What was acknowledged before the database came back must be listed within the bound. The writers go on
            // at full speed meanwhile; what they add after it is held to the same bound once they stop, below.
            var acknowledgedBefore = writers.Acknowledged;
            // The projections must be working again, not merely finish what they had loaded: they must reach writes
            // made after the database came back.
            await writers.UntilAcknowledgedAfterAsync(upAt, TimeSpan.FromSeconds(30));
            var end = await journal.JournalEndAsync();
            var (projected, behind) = await journal.UntilEveryProjectionReachesAsync(end, upAt, ProjectingWithin);
            var listed = await journal.UntilListedAsync(acknowledgedBefore, upAt, ListedWithin);
            figures.Add($"after the {name} " + (behind.Length == 0
                ? $"every projection past its first new writes {projected:0.0} s after"
                : $"{string.Join(", ", behind)} short of its first new writes {projected:0.0} s after") + $", {listed}");
            seconds.Add(behind.Length == 0 ? projected : null);
            seconds.Add(listed.Missing == 0 ? listed.Seconds : null);
        }
        await writers.StopAsync();
        var lastWrite = DateTime.UtcNow;
        var all = await journal.UntilListedAsync(writers.Acknowledged, lastWrite, ListedWithin);
        figures.Add($"after the last write {all}");
        seconds.Add(all.Missing == 0 ? all.Seconds : null);
        return ($"{writers.Acknowledged.Length} acknowledged; {string.Join("; ", figures)}", seconds);
    }

    private void Report(string figures)
    {
        output.WriteLine(figures);
        Console.WriteLine(figures);
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
