using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace ImpactJournal.Bench;

/// <summary>
/// Issue 5's figures: 100 indicators × 260 weekly readings and 100,000 observations, then the
/// indicator list, one trend, a review summary and the dashboard, each beside plain SQL over the
/// same rows in plain tables.
/// </summary>
public static class InsightsBench
{
    private const string Steward = "bench-steward@example.org";
    private const string Commissioner = "bench-commissioner@example.org";
    public const int Indicators = 100;
    public const int Weeks = 260;
    private const int Observations = 100_000;
    private const int Ripples = 1_000;
    public const int Samples = 40;
    private static readonly string[] Themes = ["food", "housing", "belonging", "volunteering", "health", "money"];

    /// <summary>The benchmark's alliance: its id, indicators, the review being summarised and the same rows in plain tables.</summary>
    public sealed record Data(string Alliance, IReadOnlyList<string> IndicatorIds, string ReviewId, RawTables Raw, DateOnly Today);

    public const string StewardSubject = Steward;
    public const string CommissionerSubject = Commissioner;

    /// <summary>Builds the alliance through the API's bulk paths and copies the same rows into plain tables.</summary>
    public static async Task<Data> SetUpAsync(BenchOptions options, Report report, BenchClient client)
    {
        var token = client.Token(Steward);
        var alliance = await client.PostJson(Steward, "/api/alliances",
            new { name = "Benchmark alliance", agreementType = "alliance-contract", sharedPurpose = "Measure the insights" });
        var a = alliance["id"]!.GetValue<string>();
        var partners = new List<Guid>();
        for (var p = 0; p < 4; p++)
            partners.Add(Guid.Parse((await client.PostJson(Steward, $"/api/alliances/{a}/partners", new { name = $"Partner {p}", kind = "vcse" }))["id"]!.GetValue<string>()));
        await client.PostJson(Steward, $"/api/alliances/{a}/members", new { subject = Commissioner, displayName = "Commissioner", role = "commissioner" });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var watch = Stopwatch.StartNew();
        var observations = ObservationRows(partners);
        await PostCsvAsync(client, token, $"/api/alliances/{a}/observations/import", ObservationCsv(observations));
        var indicatorIds = new List<string>();
        var readings = new List<(Guid Indicator, DateOnly On, double Value)>();
        for (var i = 0; i < Indicators; i++)
        {
            var id = (await client.PostJson(Steward, $"/api/alliances/{a}/indicators", new
            { name = $"Indicator {i:000}", question = "How many?", unit = "count", method = "Survey", proposedBy = "Residents" }))["id"]!.GetValue<string>();
            indicatorIds.Add(id);
            var random = new Random(i);
            var series = Enumerable.Range(0, Weeks).Select(w => (On: today.AddDays(-7 * (Weeks - 1 - w)), Value: 50 + (i % 3 - 1) * 0.1 * w + random.NextDouble() * 4)).ToList();
            readings.AddRange(series.Select(s => (Guid.Parse(id), s.On, s.Value)));
            var csv = new StringBuilder("observedOn,value,sampleSize\n");
            foreach (var (on, value) in series) csv.Append(CultureInfo.InvariantCulture, $"{on:yyyy-MM-dd},{value:0.###},40\n");
            await PostCsvAsync(client, token, $"/api/alliances/{a}/indicators/{id}/readings/import", csv.ToString());
        }
        var reviewId = await SetUpReviewsAsync(client, a, today);
        await SetUpMapAsync(client, a);
        await WaitForObservationsProjectedAsync(options);
        report.Row($"setup: {Observations:N0} observations (CSV import), {Indicators * Weeks:N0} readings, {Ripples:N0} ripples", $"{watch.Elapsed.TotalSeconds:0} s", "", "", "", null);
        return new Data(a, indicatorIds, reviewId, await LoadRawTablesAsync(options, observations, readings), today);
    }

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, 16);
        var (a, indicatorIds, reviewId, raw, today) = await SetUpAsync(options, report, client);
        var commissioner = client.Token(Commissioner);

        var list = await TimeAsync(() => GetAsync(client, commissioner, $"/api/alliances/{a}/indicators?limit={Indicators}"));
        var rawList = await TimeAsync(() => raw.QueryAsync("select distinct on (indicator_id) indicator_id, observed_on, value from raw_readings order by indicator_id, observed_on desc"));
        Add(report, $"indicator list p95 ({Indicators} indicators)", list, rawList, 100);

        var n = 0;
        var trend = await TimeAsync(() => GetAsync(client, commissioner, $"/api/alliances/{a}/indicators/{indicatorIds[n++ % Indicators]}/trend"));
        var m = 0;
        var rawTrend = await TimeAsync(() => raw.QueryAsync("select observed_on, value from raw_readings where indicator_id = $1 order by observed_on",
            Guid.Parse(indicatorIds[m++ % Indicators])));
        Add(report, $"one trend p95 ({Weeks} readings)", trend, rawTrend, 50);

        var from = today.AddDays(-90).ToDateTime(TimeOnly.MinValue);
        var summary = await TimeAsync(() => GetAsync(client, commissioner, $"/api/alliances/{a}/learning-reviews/{reviewId}/summary"));
        var rawSummary = await TimeAsync(async () =>
        {
            await raw.QueryAsync("select partner_id, count(*) from raw_observations where observed_at >= $1 group by partner_id", from);
            await raw.QueryAsync("select theme, count(*) from raw_observations, unnest(themes) theme where observed_at >= $1 group by theme", from);
            await raw.QueryAsync("select distinct on (indicator_id) indicator_id, observed_on, value from raw_readings where observed_on >= $1 order by indicator_id, observed_on", from);
        });
        Add(report, "review summary p95 (a 91-day period)", summary, rawSummary, 300);

        var since = today.AddDays(-7 * 26).ToDateTime(TimeOnly.MinValue);
        var dashboard = await TimeAsync(() => GetAsync(client, commissioner, "/api/dashboard"));
        var rawDashboard = await TimeAsync(async () =>
        {
            await raw.QueryAsync("select date_trunc('week', observed_at), count(*) from raw_observations where observed_at >= $1 group by 1", since);
            await raw.QueryAsync("select distinct on (indicator_id) indicator_id, observed_on, value from raw_readings order by indicator_id, observed_on desc");
        });
        Add(report, "dashboard p95 (one alliance)", dashboard, rawDashboard, 150);

        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL and this load generator. Reads are {Samples} sequential requests " +
                    "as a commissioner after a warm-up request. Baselines: plain SQL over the same rows in plain indexed tables (latest reading per " +
                    "indicator; one indicator's readings; the period's counts by partner and theme and the period's readings; weekly counts and latest readings).");
    }

    public static void Add(Report report, string measure, Latencies service, Latencies raw, double targetMs) =>
        report.Row(measure, $"{service.Percentile(95):N0} ms", $"{raw.Percentile(95):N1} ms", $"{service.Percentile(95) / raw.Percentile(95):0.0}×",
            $"< {targetMs:N0} ms", service.Percentile(95) < targetMs);

    private sealed record ObservationRow(Guid Id, DateTimeOffset ObservedAt, Guid PartnerId, string[] Themes, bool Identifiable);

    private static List<ObservationRow> ObservationRows(List<Guid> partners)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var span = TimeSpan.FromDays(7 * Weeks);
        return [.. Enumerable.Range(0, Observations).Select(i => new ObservationRow(Guid.CreateVersion7(),
            now - span * ((double)i / Observations), partners[i % partners.Count],
            [Themes[i % Themes.Length], Themes[(i / 7) % Themes.Length]], i % 10 == 0))];
    }

    private static string ObservationCsv(List<ObservationRow> rows)
    {
        var csv = new StringBuilder("id,observedAt,text,themes,capitals,valence,partnerId,consentScope,identifiable\n");
        foreach (var r in rows)
            csv.Append(CultureInfo.InvariantCulture,
                $"{r.Id},{r.ObservedAt:yyyy-MM-ddTHH:mm:ssZ},Residents sorted food together,{string.Join(';', r.Themes.Distinct())},social;human,generative,{r.PartnerId},commissioners,{(r.Identifiable ? "true" : "false")}\n");
        return csv.ToString();
    }

    private static async Task PostCsvAsync(BenchClient client, string token, string url, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || System.Text.Json.Nodes.JsonNode.Parse(body)!["rejectedTotal"]!.GetValue<long>() > 0)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
    }

    private static async Task<string> SetUpReviewsAsync(BenchClient client, string a, DateOnly today)
    {
        var previous = (await client.PostJson(Steward, $"/api/alliances/{a}/learning-reviews", new
        { title = "Previous quarter", periodStart = today.AddDays(-181).ToString("yyyy-MM-dd"), periodEnd = today.AddDays(-91).ToString("yyyy-MM-dd") }))["id"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
        {
            var adaptation = (await client.PostJson(Steward, $"/api/alliances/{a}/learning-reviews/{previous}/adaptations", new { text = $"Adaptation {i}" }))["id"]!.GetValue<string>();
            await client.PostJson(Steward, $"/api/alliances/{a}/learning-reviews/{previous}/adaptations/{adaptation}/progress", new { status = "trying" });
        }
        var review = (await client.PostJson(Steward, $"/api/alliances/{a}/learning-reviews", new
        { title = "This quarter", periodStart = today.AddDays(-90).ToString("yyyy-MM-dd"), periodEnd = today.ToString("yyyy-MM-dd"), questions = new[] { "What surprised us?" } }))["id"]!.GetValue<string>();
        for (var i = 0; i < 10; i++)
            await client.PostJson(Steward, $"/api/alliances/{a}/learning-reviews/{review}/reflections", new { kind = "noticed", text = $"Reflection {i}" });
        return review;
    }

    private static async Task SetUpMapAsync(BenchClient client, string a)
    {
        var map = (await client.PostJson(Steward, $"/api/alliances/{a}/maps", new { focus = "Community fridge" }))["id"]!.GetValue<string>();
        var previous = map;
        for (var i = 0; i < Ripples; i++)
        {
            var ripple = await client.PostJson(Steward, $"/api/alliances/{a}/maps/{map}/ripples", new
            { label = $"Ripple {i}", capitals = new[] { i % 2 == 0 ? "social" : "human" }, valence = "generative", intended = i % 9 != 0, causedBy = new[] { i % 10 == 0 ? map : previous } });
            previous = ripple["id"]!.GetValue<string>();
        }
    }

    private static async Task WaitForObservationsProjectedAsync(BenchOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        for (var tries = 0; tries < 600; tries++)
        {
            await using var count = new NpgsqlCommand("select count(*) from impactjournal.mt_doc_observation", connection);
            if ((long)(await count.ExecuteScalarAsync())! >= Observations) return;
            await Task.Delay(500);
        }
        throw new TimeoutException("The observations were not projected within 5 minutes.");
    }

    public static async Task GetAsync(BenchClient client, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        // A page that sent the request elsewhere (to sign in) did not answer it.
        if (response.RequestMessage?.RequestUri?.AbsolutePath != url.Split('?')[0])
            throw new InvalidOperationException($"{url} was redirected to {response.RequestMessage?.RequestUri}");
    }

    public static async Task<Latencies> TimeAsync(Func<Task> operation)
    {
        await operation();
        var latencies = new Latencies();
        for (var i = 0; i < Samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    private static async Task<RawTables> LoadRawTablesAsync(BenchOptions options, List<ObservationRow> observations, List<(Guid Indicator, DateOnly On, double Value)> readings)
    {
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var setup = dataSource.CreateCommand("""
            drop table if exists raw_observations, raw_readings;
            create table raw_observations (id uuid primary key, observed_at timestamptz, partner_id uuid, themes text[], identifiable boolean);
            create table raw_readings (indicator_id uuid, observed_on date, value double precision);
            """))
            await setup.ExecuteNonQueryAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_observations from stdin (format binary)"))
        {
            foreach (var o in observations)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(o.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(o.ObservedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(o.PartnerId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(o.Themes, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(o.Identifiable, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_readings from stdin (format binary)"))
        {
            foreach (var r in readings)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Indicator, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.On, NpgsqlDbType.Date);
                await copy.WriteAsync(r.Value, NpgsqlDbType.Double);
            }
            await copy.CompleteAsync();
        }
        await using (var index = dataSource.CreateCommand(
            "create index on raw_observations (observed_at); create index on raw_readings (indicator_id, observed_on); analyze raw_observations; analyze raw_readings;"))
            await index.ExecuteNonQueryAsync();
        return new RawTables(dataSource);
    }

    public sealed class RawTables(NpgsqlDataSource dataSource)
    {
        public async Task QueryAsync(string sql, params object[] parameters)
        {
            await using var command = dataSource.CreateCommand(sql);
            foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[8];
            while (await reader.ReadAsync()) reader.GetValues(values);
        }
    }
}
