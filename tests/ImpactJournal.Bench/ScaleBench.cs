using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;

namespace ImpactJournal.Bench;

/// <summary>
/// Issue 12's figures: a region's journal (about 1.4 million events in 50 alliances) built through the bulk
/// paths beside COPY of the same event rows; at that size every read beside a raw query returning the same
/// answer, the smallest alliance's reads before and after the others arrived, projection lag under a
/// sustained 300 observations/s, and a rebuild of the projections beside a sequential read of the journal.
/// </summary>
public static class ScaleBench
{
    private const double ReadTargetMs = 200;
    private const double ReadTargetRatio = 5;
    private const int ReadPairs = 400;
    private const int MinimumReadPairs = 40;
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, 32);
        var journal = new ScaleJournal(client, options.Scale);
        var steward = client.Token(ScaleJournal.Steward);
        var commissioner = client.Token(ScaleJournal.Commissioner);

        var buildMemory = new PeakMemory(options.ServicePid);
        var cpu = new CpuTime(options.ServicePid);
        var build = Stopwatch.StartNew();
        await journal.FormAlliancesAsync();
        await journal.ImportObservationsAsync([journal.Smallest]);
        build.Stop();
        await ProjectionLagProbe.CaughtUpAsync(client, TimeSpan.FromMinutes(2));
        var small = journal.Smallest;
        var smallOne = journal.ObservationRows.First(o => o.Alliance == small.Id).Id;
        var smallListAlone = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{small.Id}/observations?limit=50"));
        var smallOneAlone = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{small.Id}/observations/{smallOne}"));

        build.Start();
        await journal.ImportObservationsAsync(journal.Alliances.Take(ScaleJournal.AllianceCount - 1));
        await journal.TellStoriesAsync();
        await journal.MapRipplesAsync();
        await journal.RecordIndicatorsAsync();
        await journal.HoldReviewsAsync();
        build.Stop();
        var caughtUp = Stopwatch.StartNew();
        await ProjectionLagProbe.CaughtUpAsync(client, TimeSpan.FromMinutes(20));
        var catchUp = caughtUp.Elapsed;
        var buildPeak = buildMemory.Stop();

        var raw = new ScaleRaw(options);
        var events = await raw.CountEventsAsync();
        var copyRate = events / await raw.CopyTableAsync("mt_events", Path.Combine(options.WorkDir, "events.copy"));
        var buildRate = events / build.Elapsed.TotalSeconds;
        report.Row($"build: {events:N0} events ({journal.ObservationRows.Count:N0} observations by CSV import, {journal.Stories:N0} stories, " +
                   $"{journal.RippleRows.Count:N0} ripples in {journal.Maps} maps, {journal.Indicators:N0} indicators × {ScaleJournal.ReadingsPerIndicator} readings, {journal.Reviews} reviews), events/s",
            $"{buildRate:N0} ({build.Elapsed.TotalSeconds:0} s)", $"{copyRate:N0} (COPY of the same rows)", $"{buildRate / copyRate:0.000}", "", null);
        report.Row("projections caught up after the build", $"{catchUp.TotalSeconds:0} s", "", "", "", null);
        report.Row("peak service memory during the build (RSS)", $"{buildPeak:N0} MB", "", "", "< 400 MB", buildPeak < 400);
        report.Row("database size", await raw.DatabaseSizeAsync(), "", "", "", null);

        await raw.LoadAsync(journal);
        await ReadsAsync(client, journal, raw, report, steward, commissioner);
        var smallListAmong = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{small.Id}/observations?limit=50"));
        var smallOneAmong = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{small.Id}/observations/{smallOne}"));
        report.Row($"smallest alliance ({journal.ObservationRows.Count(o => o.Alliance == small.Id):N0} observations): list p95 among the region vs alone",
            $"{smallListAmong.Percentile(95):N1} ms", $"{smallListAlone.Percentile(95):N1} ms (alone)", $"{smallListAmong.Percentile(95) / smallListAlone.Percentile(95):0.0}×", "≈ 1×", null);
        report.Row("smallest alliance: one observation p95 among the region vs alone",
            $"{smallOneAmong.Percentile(95):N1} ms", $"{smallOneAlone.Percentile(95):N1} ms (alone)", $"{smallOneAmong.Percentile(95) / smallOneAlone.Percentile(95):0.0}×", "≈ 1×", null);

        // `--phase reads` stops here: the journal built and read, the service left as it is.
        if (options.Phase is not "reads")
        {
            await ProjectionLagProbe.UnderLoadAsync(client, journal, options, report);
            report.Row("service CPU over the run", cpu.Used(), "", "", "", null);
            await RebuildAsync(options, raw, events, report);
        }

        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL (durable: fsync on) and this load generator; scale {options.Scale}. " +
                    $"Reads: after a warm-up, up to {ReadPairs} sequential requests (at least {MinimumReadPairs}, none begun after {ReadBudget.TotalSeconds:0} s), " +
                    "each followed by its raw query, so that both meet the same moments of the machine. Raw baselines: the same rows in plain indexed tables " +
                    "(observations with alliance, time, partner, themes, capitals, valence; ripples; readings), queried with Npgsql for the same answer.");
    }

    private static async Task ReadsAsync(BenchClient client, ScaleJournal journal, ScaleRaw raw, Report report, string steward, string commissioner)
    {
        var largest = journal.Largest;
        var a = largest.Id;
        var list = $"/api/alliances/{a}/observations?limit=50";
        var page = "select id, observed_at, text, themes, capitals, valence, partner_id from raw_observations where alliance_id = $1 {0} order by observed_at desc, id desc limit 50";
        var yearAgo = DateTimeOffset.UtcNow.AddDays(-365);
        var filters = new (string Name, string Query, string Where, object[] Args)[]
        {
            ("no filter", "", "", [a]),
            ("from/to (30 days a year ago)", $"&from={yearAgo:yyyy-MM-dd}&to={yearAgo.AddDays(30):yyyy-MM-dd}", "and observed_at >= $2 and observed_at <= $3",
                [a, yearAgo.Date.ToUniversalTime(), yearAgo.AddDays(30).Date.ToUniversalTime()]),
            ("theme", "&theme=housing", "and themes @> array['housing']", [a]),
            ("capital", "&capital=political", "and capitals @> array['political']", [a]),
            ("partner", $"&partnerId={largest.Partners[1]}", "and partner_id = $2", [a, largest.Partners[1]]),
            ("valence", "&valence=degenerative", "and valence = 'degenerative'", [a]),
        };
        // What every read pays before its own work (HTTP, the token, membership, one document, JSON), beside one round trip to PostgreSQL.
        var (floor, roundTrip) = await PairedAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}"), () => raw.QueryAsync("select 1"));
        report.Row("floor: the simplest authenticated read (one alliance document), p95", $"{floor.Percentile(95):N1} ms",
            $"{roundTrip.Percentile(95):N1} ms (select 1)", $"{floor.Percentile(95) / roundTrip.Percentile(95):0.0}×", "", null);
        var size = journal.ObservationRows.Count(o => o.Alliance == a);
        foreach (var (name, query, where, args) in filters)
            await CompareAsync(report, $"observation list, {name} (largest alliance, {size:N0} observations)",
                () => InsightsBench.GetAsync(client, steward, list + query), () => raw.QueryAsync(string.Format(page, where), args));

        var (cursor, depth) = await DeepCursorAsync(client, steward, list, pages: 200);
        var boundary = await raw.BoundaryAsync(a, depth);
        await CompareAsync(report, $"observation list, page {depth / 50 + 1} by cursor ({depth:N0} rows deep)",
            () => InsightsBench.GetAsync(client, steward, $"{list}&cursor={Uri.EscapeDataString(cursor)}"),
            () => raw.QueryAsync(string.Format(page, "and (observed_at, id) < ($2, $3)"), a, boundary.ObservedAt, boundary.Id));

        var ids = journal.ObservationRows.Where(o => o.Alliance == a).Take(500).Select(o => o.Id).ToArray();
        var n = 0;
        var m = 0;
        await CompareAsync(report, "one observation",
            () => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}/observations/{ids[n++ % ids.Length]}"),
            () => raw.QueryAsync("select * from raw_observations where id = $1", ids[m++ % ids.Length]));

        await CompareAsync(report, $"the biggest map ({journal.BiggestMapRipples:N0} ripples)",
            () => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}/maps/{journal.BiggestMap}"),
            () => raw.QueryAsync("select id, label, caused_by from raw_ripples where map_id = $1", journal.BiggestMap));

        var review = journal.LatestReviewOf[a];
        var indicators = journal.IndicatorsOf[a].ToArray();
        await CompareAsync(report, "review summary (the largest alliance's last quarter)",
            () => InsightsBench.GetAsync(client, commissioner, $"/api/alliances/{a}/learning-reviews/{review.Id}/summary"),
            async () =>
            {
                DateTime from = review.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to = review.End.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
                await raw.QueryAsync("select partner_id, count(*) from raw_observations where alliance_id = $1 and observed_at between $2 and $3 group by partner_id", a, from, to);
                await raw.QueryAsync("select theme, count(*) from raw_observations, unnest(themes) theme where alliance_id = $1 and observed_at between $2 and $3 group by theme", a, from, to);
                await raw.QueryAsync("select indicator_id, observed_on, value from raw_readings where indicator_id = any($1) and observed_on between $2 and $3", indicators, review.Start, review.End);
            });

        await CompareAsync(report, $"one trend ({ScaleJournal.ReadingsPerIndicator} readings)",
            () => InsightsBench.GetAsync(client, commissioner, $"/api/alliances/{a}/indicators/{indicators[0]}/trend"),
            () => raw.QueryAsync("select observed_on, value from raw_readings where indicator_id = $1 order by observed_on", indicators[0]));

        var commissioned = journal.Alliances.Take(ScaleJournal.CommissionedAlliances).Select(x => x.Id).ToArray();
        var theirIndicators = commissioned.SelectMany(x => journal.IndicatorsOf[x]).ToArray();
        var since = DateTime.UtcNow.AddDays(-7 * 26);
        Func<Guid[], Task> rawDashboard = async alliances =>
        {
            await raw.QueryAsync("select alliance_id, date_trunc('week', observed_at), count(*) from raw_observations where alliance_id = any($1) and observed_at >= $2 group by 1, 2", alliances, since);
            await raw.QueryAsync("select distinct on (indicator_id) indicator_id, observed_on, value from raw_readings where indicator_id = any($1) order by indicator_id, observed_on desc", theirIndicators);
        };
        await CompareAsync(report, $"dashboard of a commissioner in {ScaleJournal.CommissionedAlliances} alliances (API)",
            () => InsightsBench.GetAsync(client, commissioner, "/api/dashboard"), () => rawDashboard(commissioned));
        await CompareAsync(report, "web app: the largest alliance's dashboard page",
            () => InsightsBench.GetAsync(client, commissioner, $"/alliances/{a}/dashboard"), () => rawDashboard([a]));
        await CompareAsync(report, "web app: the largest alliance's journal page (entries)",
            () => InsightsBench.GetAsync(client, steward, $"/alliances/{a}/entries"), () => raw.QueryAsync(string.Format(page, ""), a));
    }

    private static async Task CompareAsync(Report report, string measure, Func<Task> service, Func<Task> raw)
    {
        var (s, r) = await PairedAsync(service, raw);
        var ratio = s.Percentile(95) / r.Percentile(95);
        report.Row($"{measure}, p95", $"{s.Percentile(95):N1} ms", $"{r.Percentile(95):N1} ms", $"{ratio:0.0}×",
            $"< {ReadTargetMs:N0} ms, ≤ {ReadTargetRatio:0}×", s.Percentile(95) < ReadTargetMs && ratio <= ReadTargetRatio);
    }

    private static Task<(Latencies Service, Latencies Raw)> PairedAsync(Func<Task> service, Func<Task> raw) =>
        Latencies.PairedAsync(service, raw, ReadPairs, MinimumReadPairs, ReadBudget);

    private static async Task<(string Cursor, int Depth)> DeepCursorAsync(BenchClient client, string token, string list, int pages)
    {
        string? cursor = null;
        var depth = 0;
        for (var p = 0; p < pages; p++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, cursor is null ? list : $"{list}&cursor={Uri.EscapeDataString(cursor)}");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await client.Http.SendAsync(request);
            var next = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["nextCursor"];
            if (next is null) break;
            cursor = next;
            depth += 50;
        }
        return (cursor ?? throw new InvalidOperationException("the list has a single page"), depth);
    }

    /// <summary>
    /// Stops the service, then rebuilds each asynchronous projection with the service's own commands (the others are
    /// written with their events and never rebuilt), beside a sequential read of every event row.
    /// </summary>
    private static async Task RebuildAsync(BenchOptions options, ScaleRaw raw, long events, Report report)
    {
        if (options.ServicePid is { } pid)
        {
            using var service = Process.GetProcessById(pid);
            service.Kill();
            await service.WaitForExitAsync();
        }
        var dll = Path.Combine(options.WorkDir, "publish", "ImpactJournal.dll");
        var startup = await RunAsync(dll, "projections", "list");
        var readRate = await raw.SequentialReadRateAsync();
        var total = TimeSpan.Zero;
        foreach (var (projection, command) in Rebuilds)
        {
            var took = await RunAsync(dll, command) - startup;
            total += took;
            report.Row($"rebuild {projection} (reads all {events:N0} events), events/s", $"{events / took.TotalSeconds:N0} ({took.TotalSeconds:0} s)",
                $"{readRate:N0} (sequential read of mt_events)", $"{events / took.TotalSeconds / readRate:0.00}", "≥ 0.3", events / took.TotalSeconds / readRate >= 0.3);
        }
        // What writing the observations' read model costs PostgreSQL alone bounds how fast any rebuild of it can be.
        var documentsAlone = await raw.CopyTableAsync("mt_doc_observation", Path.Combine(options.WorkDir, "observations.copy"), indexesAfter: true);
        report.Row("  bound: COPY of the rebuilt observation documents alone, then the same indexes built two at a time, as events/s", $"{events / documentsAlone:N0} ({documentsAlone:0} s)",
            $"{readRate:N0}", $"{events / documentsAlone / readRate:0.00}", "", null);
        report.Note($"Rebuilds with the service stopped: observations by `rebuild-observations` (COPY), the others by Marten's " +
                    $"`projections rebuild -p <name> --shard-timeout 60m`; {startup.TotalSeconds:0.0} s of process start " +
                    $"(timed as `projections list`) taken off each. All together: {total.TotalSeconds:0} s.");
    }

    private static readonly (string Projection, string[] Command)[] Rebuilds =
    [
        ("Observation", ["rebuild-observations"]),
        ("Story", ["projections", "rebuild", "-p", "Story", "--shard-timeout", "60m"]),
        ("CollaborationFact", ["projections", "rebuild", "-p", "CollaborationFact", "--shard-timeout", "60m"])
    ];

    private static async Task<TimeSpan> RunAsync(string dll, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', arguments)} failed: {await error}\n{await output}");
        Console.Error.WriteLine((await output).Split('\n').TakeLast(15).Aggregate("", (x, y) => x + y + "\n"));
        return watch.Elapsed;
    }
}
