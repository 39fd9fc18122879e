using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace ImpactJournal.Bench;

/// <summary>
/// Issue 3's figures: HTTP append of observations beside single-row INSERT transactions of the same
/// payload at the same concurrency, and CSV import beside COPY of the same rows.
/// </summary>
public static class ObservationsBench
{
    private const string Steward = "bench-steward@example.org";
    private const string Partner = "bench-partner@example.org";

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, options.Clients);
        var allianceId = await SetUpAllianceAsync(client);
        var url = $"/api/alliances/{allianceId}/observations";
        var partnerToken = client.Token(Partner);
        Console.WriteLine($"Alliance {allianceId}; {options.Clients} clients for {options.Duration.TotalSeconds:0} s each phase");

        if (options.Phase is "all" or "http") await HttpPhaseAsync(options, report, client, url, partnerToken, allianceId);
        if (options.Phase is "all" or "import") await ImportPhaseAsync(options, report, client, url, partnerToken);
    }

    private static async Task HttpPhaseAsync(BenchOptions options, Report report, BenchClient client, string url, string partnerToken, Guid allianceId)
    {
        await HttpAppendAsync(client, url, partnerToken, options.Clients, TimeSpan.FromSeconds(3)); // warm-up
        var (service, serviceRate) = await HttpAppendAsync(client, url, partnerToken, options.Clients, options.Duration);
        var (raw, rawRate) = await RawInsertAsync(options, allianceId);

        report.Row("HTTP append, observations/s", $"{serviceRate:N0}", $"{rawRate:N0}", $"{serviceRate / rawRate:0.00}", "≥ 0.35", serviceRate / rawRate >= 0.35);
        report.Row("HTTP append p50 latency", $"{service.Percentile(50):0.0} ms", $"{raw.Percentile(50):0.0} ms", "", "", null);
        report.Row("HTTP append p99 latency", $"{service.Percentile(99):0.0} ms", $"{raw.Percentile(99):0.0} ms", "", "< 50 ms", service.Percentile(99) < 50);
        report.Row("HTTP append errors", $"{service.Errors}", $"{raw.Errors}", "", "0", service.Errors == 0);
        report.Note($"{Environment.ProcessorCount} cores; service, PostgreSQL and this load generator share them. HTTP: {options.Clients} concurrent clients, " +
                    $"each POST a new observation with its own id. Baseline: {options.Clients} Npgsql connections, each INSERT of the same JSON into a plain table with a uuid key, one transaction per row.");
    }

    private static async Task ImportPhaseAsync(BenchOptions options, Report report, BenchClient client, string url, string partnerToken)
    {

        var files = WriteCsvFiles(options);
        var memory = new PeakMemory(options.ServicePid);
        var importRate = await ImportAsync(client, url, partnerToken, files, options.ImportRows);
        var importPeak = memory.Stop();
        var copyRate = await CopyAsync(options, files, options.ImportRows);

        report.Row($"CSV import, rows/s ({options.ImportRows:N0} rows)", $"{importRate:N0}", $"{copyRate:N0} (COPY)", $"{importRate / copyRate:0.00}", "≥ 0.25", importRate / copyRate >= 0.25);
        report.Row("peak service memory during import (RSS)", importPeak is null ? "n/a" : $"{importPeak:N0} MB", "", "", "< 500 MB", importPeak is null ? null : importPeak < 500);
        report.Note($"Import: {files.Count} files of at most {RowsPerFile:N0} rows (the 50 MiB import limit), posted one after another; baseline: COPY of the same files into a plain table of text columns.");
        foreach (var file in files) File.Delete(file);
    }

    private static async Task<Guid> SetUpAllianceAsync(BenchClient client)
    {
        var alliance = await client.PostJson(Steward, "/api/alliances",
            new { name = "Benchmark alliance", agreementType = "alliance-contract", sharedPurpose = "Measure the journal" });
        var allianceId = Guid.Parse(alliance["id"]!.GetValue<string>());
        var partner = await client.PostJson(Steward, $"/api/alliances/{allianceId}/partners", new { name = "Bench partner", kind = "vcse" });
        await client.PostJson(Steward, $"/api/alliances/{allianceId}/members",
            new { subject = Partner, displayName = "Bench partner", role = "partner", partnerId = partner["id"]!.GetValue<string>() });
        return allianceId;
    }

    private static string Payload(Guid id) =>
        $$$"""{"id":"{{{id}}}","text":"Three residents from the Marlow Street hostel now volunteer on the Tuesday sorting shift.","observedAt":"2025-01-14T11:00:00Z","place":"Northfield","themes":["volunteering","belonging"],"capitals":["social","human"],"valence":"generative","consent":{"scope":"alliance","identifiable":false}}""";

    private static Task<(Latencies, double)> HttpAppendAsync(BenchClient client, string url, string token, int clients, TimeSpan duration) =>
        Latencies.RunAsync(clients, duration, _ => async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = BenchClient.Json(Payload(Guid.CreateVersion7())) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.Http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Created;
        });

    private static async Task<(Latencies, double)> RawInsertAsync(BenchOptions options, Guid allianceId)
    {
        await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var setup = dataSource.CreateCommand(
            "create schema if not exists bench_raw; drop table if exists bench_raw.observations; " +
            "create table bench_raw.observations (id uuid primary key, alliance_id uuid not null, payload jsonb not null)"))
            await setup.ExecuteNonQueryAsync();

        return await Latencies.RunAsync(options.Clients, options.Duration, _ =>
        {
            NpgsqlConnection? connection = null;
            return async () =>
            {
                connection ??= await dataSource.OpenConnectionAsync();
                var id = Guid.CreateVersion7();
                await using var insert = new NpgsqlCommand("insert into bench_raw.observations (id, alliance_id, payload) values ($1, $2, $3::jsonb)", connection)
                {
                    Parameters = { new() { Value = id }, new() { Value = allianceId }, new() { Value = Payload(id) } }
                };
                return await insert.ExecuteNonQueryAsync() == 1;
            };
        });
    }

    private const int RowsPerFile = 250_000;

    private static List<string> WriteCsvFiles(BenchOptions options)
    {
        var files = new List<string>();
        for (var written = 0; written < options.ImportRows; written += RowsPerFile)
        {
            var path = Path.Combine(options.WorkDir, $"observations-{files.Count}.csv");
            using var file = new StreamWriter(path);
            file.WriteLine("id,observedAt,text,themes,capitals,valence,consentScope,identifiable");
            var observedAt = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
            for (var i = written; i < Math.Min(options.ImportRows, written + RowsPerFile); i++)
            {
                file.Write(Guid.CreateVersion7());
                file.Write(',');
                file.Write(observedAt.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                file.Write(",\"Note ");
                file.Write(i);
                file.WriteLine(": residents, volunteers and staff sorted food together\",volunteering;belonging,social;human,generative,alliance,false");
            }
            files.Add(path);
        }
        return files;
    }

    private static async Task<double> ImportAsync(BenchClient client, string url, string token, List<string> files, int rows)
    {
        var watch = Stopwatch.StartNew();
        long imported = 0;
        foreach (var path in files)
        {
            await using var file = File.OpenRead(path);
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "/import") { Content = new StreamContent(file) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            request.Content.Headers.ContentLength = file.Length;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import: {(int)response.StatusCode} {body}");
            imported += System.Text.Json.Nodes.JsonNode.Parse(body)!["imported"]!.GetValue<long>();
        }
        if (imported != rows) throw new InvalidOperationException($"imported {imported} of {rows} rows");
        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> CopyAsync(BenchOptions options, List<string> files, int rows)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand(
            "create schema if not exists bench_raw; drop table if exists bench_raw.csv_rows; create table bench_raw.csv_rows (id text, observed_at text, text text, themes text, " +
            "capitals text, valence text, consent_scope text, identifiable text)", connection))
            await setup.ExecuteNonQueryAsync();

        var watch = Stopwatch.StartNew();
        foreach (var path in files)
        {
            await using var writer = await connection.BeginTextImportAsync("copy bench_raw.csv_rows from stdin (format csv, header true)");
            using var reader = new StreamReader(path);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer.AsMemory(0, read));
        }
        return rows / watch.Elapsed.TotalSeconds;
    }
}
