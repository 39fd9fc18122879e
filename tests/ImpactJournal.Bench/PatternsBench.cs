using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace ImpactJournal.Bench;

/// <summary>
/// Story patterns on 20,000 stories signified with a 3-triad, 2-dyad, 2-choice framework: the API's read and the
/// patterns page, each with two filters (teller role and a choice's answer) and a comparison with a second group,
/// beside plain SQL reading the same signifier values of the same two groups from a plain indexed table.
/// </summary>
public static class PatternsBench
{
    private const string Steward = "bench-steward@example.org";
    private const string Commissioner = "bench-commissioner@example.org";
    private const int Stories = 20_000;
    private const int Clients = 16;
    private static readonly string[] Roles = ["young person", "staff", "volunteer", "resident"];
    private static readonly string[] Feelings = ["hopeful", "proud", "frustrated", "worried"];
    private static readonly string[] Sizes = ["small", "medium", "large"];

    private sealed record Row(Guid Id, string Role, DateOnly ToldOn, double[][] Triads, double[] Dyads, string Feeling, string Size, string Scope);

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, Clients);
        var a = (await client.PostJson(Steward, "/api/alliances",
            new { name = "Patterns benchmark", agreementType = "alliance-contract", sharedPurpose = "Make sense together" }))["id"]!.GetValue<string>();
        var partner = (await client.PostJson(Steward, $"/api/alliances/{a}/partners", new { name = "Partner", kind = "vcse" }))["id"]!.GetValue<string>();
        await client.PostJson(Steward, $"/api/alliances/{a}/members", new { subject = Commissioner, displayName = "Commissioner", role = "commissioner" });
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/alliances/{a}/signification-framework"))
        {
            put.Content = BenchClient.Json(System.Text.Json.JsonSerializer.Serialize(new
            {
                triads = Enumerable.Range(0, 3).Select(i => new { key = $"t{i}", prompt = $"Triad {i}?", labels = new[] { "One", "Two", "Three" } }),
                dyads = Enumerable.Range(0, 2).Select(i => new { key = $"d{i}", prompt = $"Dyad {i}?", left = "Left", right = "Right" }),
                choices = new[]
                {
                    new { key = "feeling", prompt = "How do you feel?", options = Feelings },
                    new { key = "size", prompt = "How big a change?", options = Sizes }
                }
            }));
            put.Headers.Authorization = new("Bearer", client.Token(Steward));
            (await client.Http.SendAsync(put)).EnsureSuccessStatusCode();
        }

        var rows = StoryRows();
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < rows.Count; i = Interlocked.Increment(ref next))
                await client.PostJson(Steward, $"/api/alliances/{a}/stories", Body(rows[i], partner));
        })));
        await WaitForPatternsAsync(options);
        report.Row($"setup: {Stories:N0} stories told through the API", $"{watch.Elapsed.TotalSeconds:0} s", "", "", "", null);

        await using var raw = await LoadRawAsync(options, rows);
        var steward = client.Token(Steward);
        var commissioner = client.Token(Commissioner);
        // Two filters (role and a choice's answer), compared with the same answer from another role.
        const string query = "role=young%20person&choice.feeling=hopeful&compare=role%3Dstaff%26choice.feeling%3Dhopeful";
        const string pageQuery = "role=young%20person&choice.feeling=hopeful&compare=on&b.role=staff&b.choice.feeling=hopeful";
        var group = rows.Count(r => r.Role == "young person" && r.Feeling == "hopeful");

        Task Raw() => RawGroupsAsync(raw);
        await Add(report, $"patterns API, steward (2 filters + comparison, {group:N0} + ~{group:N0} stories)",
            () => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}/stories/patterns?{query}"), Raw);
        await Add(report, "patterns API, commissioner (with the small-group checks)",
            () => InsightsBench.GetAsync(client, commissioner, $"/api/alliances/{a}/stories/patterns?{query}"), Raw);
        await Add(report, "patterns page, steward (pictures, tables, lists)",
            () => InsightsBench.GetAsync(client, steward, $"/alliances/{a}/stories/patterns?{pageQuery}"), Raw);

        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL and this load generator. Each figure is the p95 of " +
                    "sequential requests alternating with the baseline after a warm-up, whole response read. 'raw' reads the same signifier " +
                    "values (3 triads, 2 dyads, 2 choices) of the same two groups from a plain table indexed by role and answer. " +
                    "Targets: p95 < 200 ms and ≤ 5× raw.");
    }

    private static async Task Add(Report report, string measure, Func<Task> service, Func<Task> raw)
    {
        var (s, r) = await Latencies.PairedAsync(service, raw, 60, 30, TimeSpan.FromSeconds(60));
        var (serviceMs, rawMs) = (s.Percentile(95), r.Percentile(95));
        report.Row(measure, $"{serviceMs:N0} ms", $"{rawMs:N1} ms", $"{serviceMs / rawMs:0.0}×", "< 200 ms and ≤ 5× raw",
            serviceMs < 200 && serviceMs <= 5 * rawMs);
    }

    private static List<Row> StoryRows()
    {
        var random = new Random(33);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        double[] Weights()
        {
            var a = random.Next(0, 101);
            var b = random.Next(0, 101 - a);
            return [a / 100.0, b / 100.0, (100 - a - b) / 100.0];
        }
        return [.. Enumerable.Range(0, Stories).Select(_ => new Row(Guid.CreateVersion7(), Roles[random.Next(Roles.Length)],
            today.AddDays(-random.Next(730)), [Weights(), Weights(), Weights()], [random.Next(101) / 100.0, random.Next(101) / 100.0],
            Feelings[random.Next(Feelings.Length)], Sizes[random.Next(Sizes.Length)], random.Next(5) == 0 ? "alliance" : "commissioners"))];
    }

    private static object Body(Row row, string partner) => new
    {
        id = row.Id,
        title = "A story for the benchmark",
        narrative = "What happened, told at the length of a real story. " + new string('x', 600),
        tellerRole = row.Role,
        toldOn = row.ToldOn.ToString("yyyy-MM-dd"),
        domainOfChange = "relationships",
        consent = new { scope = row.Scope, identifiable = false },
        partnerId = partner,
        signifiers = new
        {
            triads = new Dictionary<string, double[]> { ["t0"] = row.Triads[0], ["t1"] = row.Triads[1], ["t2"] = row.Triads[2] },
            dyads = new Dictionary<string, double> { ["d0"] = row.Dyads[0], ["d1"] = row.Dyads[1] },
            choices = new Dictionary<string, string> { ["feeling"] = row.Feeling, ["size"] = row.Size }
        }
    };

    private static async Task WaitForPatternsAsync(BenchOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        for (var tries = 0; tries < 600; tries++)
        {
            await using var count = new NpgsqlCommand("select count(*) from impactjournal.story_signifiers", connection);
            if ((long)(await count.ExecuteScalarAsync())! >= Stories) return;
            await Task.Delay(500);
        }
        throw new TimeoutException("The stories did not reach the patterns within 5 minutes.");
    }

    private static async Task<NpgsqlDataSource> LoadRawAsync(BenchOptions options, List<Row> rows)
    {
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var create = dataSource.CreateCommand("""
            drop table if exists raw_story_signifiers;
            create table raw_story_signifiers (id uuid primary key, teller_role text, told_on date, scope text,
                t0a float8, t0b float8, t0c float8, t1a float8, t1b float8, t1c float8, t2a float8, t2b float8, t2c float8,
                d0 float8, d1 float8, feeling text, size text)
            """))
            await create.ExecuteNonQueryAsync();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_story_signifiers from stdin (format binary)"))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Role, NpgsqlDbType.Text);
                await copy.WriteAsync(r.ToldOn, NpgsqlDbType.Date);
                await copy.WriteAsync(r.Scope, NpgsqlDbType.Text);
                foreach (var w in r.Triads.SelectMany(t => t)) await copy.WriteAsync(w, NpgsqlDbType.Double);
                foreach (var d in r.Dyads) await copy.WriteAsync(d, NpgsqlDbType.Double);
                await copy.WriteAsync(r.Feeling, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Size, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await using (var index = dataSource.CreateCommand("create index on raw_story_signifiers (teller_role, feeling); analyze raw_story_signifiers"))
            await index.ExecuteNonQueryAsync();
        return dataSource;
    }

    /// <summary>The same signifier values of the same two groups, read as plain rows.</summary>
    private static async Task RawGroupsAsync(NpgsqlDataSource raw)
    {
        foreach (var role in new[] { "young person", "staff" })
        {
            await using var command = raw.CreateCommand("""
                select id, t0a, t0b, t0c, t1a, t1b, t1c, t2a, t2b, t2c, d0, d1, feeling, size from raw_story_signifiers
                where teller_role = $1 and feeling = $2
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = role });
            command.Parameters.Add(new NpgsqlParameter { Value = "hopeful" });
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[14];
            while (await reader.ReadAsync()) reader.GetValues(values);
        }
    }
}
