using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace ImpactJournal.Bench;

/// <summary>
/// Issue 33's figure: the REFI-QDA project (.qdpx) of 20,000 observations in under 5 s, beside PostgreSQL reading the
/// same rows of the observations' read model out with COPY, measured in the same run.
/// </summary>
public static class ExportsBench
{
    private const string Steward = "exports-steward@example.org";
    private const string Commissioner = "exports-commissioner@example.org";
    private const int Observations = 20_000;
    private const int Samples = 5;
    private static readonly string[] Themes = ["housing", "food", "belonging", "cooking together", "debt advice", "volunteering", "mental health", "transport", "Küche & Wohnen", "youth"];
    private static readonly string[] Capitals = ["natural", "cultural", "human", "social", "political", "financial", "built"];

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, 4);
        var watch = Stopwatch.StartNew();
        var a = (await client.PostJson(Steward, "/api/alliances",
            new { name = "Exports benchmark", agreementType = "alliance-contract", sharedPurpose = "Take the journal to analysis tools" }))["id"]!.GetValue<string>();
        var partner = (await client.PostJson(Steward, $"/api/alliances/{a}/partners", new { name = "Harbour Housing", kind = "vcse" }))["id"]!.GetValue<string>();
        await client.PostJson(Steward, $"/api/alliances/{a}/members", new { subject = Commissioner, displayName = "Commissioner", role = "commissioner" });
        await ImportAsync(client, a, partner);
        await ProjectionLagProbe.CaughtUpAsync(client, TimeSpan.FromMinutes(10));
        report.Row($"setup: {Observations:N0} observations (a third each for the alliance, commissioners and the public; 1–2 themes, 1–3 capitals, multi-line text with emoji)",
            $"{watch.Elapsed.TotalSeconds:0} s", "", "", "", null);

        var steward = client.Token(Steward);
        var memory = new PeakMemory(options.ServicePid);
        var (service, bytes, sources) = await TimeExportAsync(client, steward, a);
        var peak = memory.Stop();
        var raw = await TimeCopyAsync(options, a);
        report.Row($"`.qdpx` of {sources:N0} observations as a steward ({bytes / 1024.0 / 1024.0:0.0} MB zip), slowest of {Samples}",
            $"{service.Max():N0} ms", $"{raw.Max():N0} ms", $"{service.Max() / raw.Max():0.0}×", "< 5,000 ms", service.Max() < 5000);
        report.Row($"… median of {Samples}", $"{Median(service):N0} ms", $"{Median(raw):N0} ms", $"{Median(service) / Median(raw):0.0}×", "", null);
        if (peak is { } mb) report.Row("service's peak resident memory while exporting", $"{mb:N0} MB", "", "", "", null);

        var (asCommissioner, _, commissionerSources) = await TimeExportAsync(client, client.Token(Commissioner), a);
        report.Row($"`.qdpx` as a commissioner ({commissionerSources:N0} observations they may read), slowest of {Samples}",
            $"{asCommissioner.Max():N0} ms", $"{raw.Max():N0} ms", $"{asCommissioner.Max() / raw.Max():0.0}×", "< 5,000 ms", asCommissioner.Max() < 5000);

        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL and this client. Each export is {Samples} sequential downloads " +
                    "after a warm-up, read to the end and opened as a zip to count its sources. Baseline: `COPY (select data from the observations' " +
                    "read model where tenant_id = the alliance) TO STDOUT`, read to the end by Npgsql: the same rows leaving PostgreSQL, with no " +
                    "XML, text files or zip. The service works out the themes with one aggregate statement, then reads each record once, in one streamed " +
                    "statement, into the project as it goes, keeps the texts in a temporary file and zips them after the project.");
    }

    private static async Task ImportAsync(BenchClient client, string a, string partner)
    {
        string[] scopes = ["alliance", "commissioners", "public"];
        var start = DateTimeOffset.UtcNow.AddYears(-2);
        var csv = new StringBuilder("observedAt,text,themes,capitals,valence,partnerId,consentScope,identifiable\n");
        for (var i = 0; i < Observations; i++)
        {
            var text = $"\"Observation {i}: residents cooked together 🍲 and talked about what helps.\nA second line, with “quotes” and a café.\"";
            var themes = i % 3 == 0 ? Themes[i % Themes.Length] : $"{Themes[i % Themes.Length]};{Themes[(i / 3) % Themes.Length]}";
            var capitals = string.Join(';', Enumerable.Range(0, 1 + i % 3).Select(k => Capitals[(i + k) % Capitals.Length]));
            csv.Append(CultureInfo.InvariantCulture,
                $"{start.AddMinutes(i * 50):O},{text},{themes},{capitals},generative,{partner},{scopes[i % 3]},{(i % 5 == 0 ? "true" : "false")}\n");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alliances/{a}/observations/import")
            { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token(Steward));
        using var response = await client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || System.Text.Json.Nodes.JsonNode.Parse(body)!["imported"]!.GetValue<long>() != Observations)
            throw new InvalidOperationException($"import: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
    }

    private static async Task<(List<double> Millis, long Bytes, int Sources)> TimeExportAsync(BenchClient client, string token, string a)
    {
        var millis = new List<double>();
        long bytes = 0;
        var sources = 0;
        for (var i = 0; i <= Samples; i++)
        {
            var watch = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/alliances/{a}/exports/qdpx");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"qdpx: {(int)response.StatusCode}");
            var zip = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            if (i > 0) millis.Add(watch.Elapsed.TotalMilliseconds);
            bytes = zip.Length;
            using var archive = new ZipArchive(new MemoryStream(zip));
            sources = archive.Entries.Count(e => e.FullName.StartsWith("sources/"));
        }
        return (millis, bytes, sources);
    }

    private static async Task<List<double>> TimeCopyAsync(BenchOptions options, string a)
    {
        var millis = new List<double>();
        await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        var buffer = new char[64 * 1024];
        for (var i = 0; i <= Samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await using (var connection = await dataSource.OpenConnectionAsync())
            using (var copy = await connection.BeginTextExportAsync(
                $"copy (select data from impactjournal.mt_doc_observation where tenant_id = '{a}' order by observed_at_utc) to stdout"))
                while (await copy.ReadAsync(buffer, 0, buffer.Length) > 0) { }
            watch.Stop();
            if (i > 0) millis.Add(watch.Elapsed.TotalMilliseconds);
        }
        return millis;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
