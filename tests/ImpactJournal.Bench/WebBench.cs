namespace ImpactJournal.Bench;

/// <summary>
/// The web app's pages on the insights data (100 indicators × 260 readings, 100,000 observations): the
/// learning dashboard, the journal list and an indicator's trend page, each beside the JSON API's read of
/// the same data and plain SQL over the same rows, in the same run. Pages take the same bearer token as
/// the API (the service picks the scheme by the request), so no sign-in is timed.
/// </summary>
public static class WebBench
{
    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, 16);
        var (a, indicatorIds, _, raw, today) = await InsightsBench.SetUpAsync(options, report, client);
        var commissioner = client.Token(InsightsBench.CommissionerSubject);
        var steward = client.Token(InsightsBench.StewardSubject);
        var since = today.AddDays(-7 * 26).ToDateTime(TimeOnly.MinValue);

        var dashboardPage = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, commissioner, $"/alliances/{a}/dashboard"));
        var dashboardApi = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, commissioner, "/api/dashboard"));
        var dashboardRaw = await InsightsBench.TimeAsync(async () =>
        {
            await raw.QueryAsync("select date_trunc('week', observed_at), count(*) from raw_observations where observed_at >= $1 group by 1", since);
            await raw.QueryAsync("select distinct on (indicator_id) indicator_id, observed_on, value from raw_readings order by indicator_id, observed_on desc");
        });
        Add(report, "learning dashboard page (commissioner)", dashboardPage, dashboardApi, dashboardRaw);

        var entriesPage = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/alliances/{a}/entries"));
        var entriesApi = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}/observations?limit=50"));
        var entriesRaw = await InsightsBench.TimeAsync(() => raw.QueryAsync("select * from raw_observations order by observed_at desc limit 50"));
        Add(report, "journal list page (newest 50 of 100,000)", entriesPage, entriesApi, entriesRaw);

        var n = 0;
        var trendPage = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, commissioner, $"/alliances/{a}/indicators/{indicatorIds[n++ % InsightsBench.Indicators]}"));
        var m = 0;
        var trendApi = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, commissioner, $"/api/alliances/{a}/indicators/{indicatorIds[m++ % InsightsBench.Indicators]}/trend"));
        var k = 0;
        var trendRaw = await InsightsBench.TimeAsync(() => raw.QueryAsync("select observed_on, value from raw_readings where indicator_id = $1 order by observed_on",
            Guid.Parse(indicatorIds[k++ % InsightsBench.Indicators])));
        Add(report, $"indicator trend page ({InsightsBench.Weeks} readings)", trendPage, trendApi, trendRaw);

        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL and this load generator. Each figure is the p95 of " +
                    $"{InsightsBench.Samples} sequential requests after a warm-up, whole response read. 'raw' is plain SQL over the same rows in plain " +
                    "indexed tables. Targets: each page p95 < 200 ms and < 2× the JSON API's read of the same data.");
    }

    private static void Add(Report report, string measure, Latencies page, Latencies api, Latencies raw)
    {
        var (pageMs, apiMs, rawMs) = (page.Percentile(95), api.Percentile(95), raw.Percentile(95));
        report.Row(measure, $"{pageMs:N0} ms (API {apiMs:N0} ms)", $"{rawMs:N1} ms",
            $"{pageMs / apiMs:0.0}× API, {pageMs / rawMs:0}× raw", "< 200 ms and < 2× API", pageMs < 200 && pageMs < 2 * apiMs);
    }
}
