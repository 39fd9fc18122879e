using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace ImpactJournal.Bench;

/// <summary>
/// Issue 13's figures: an alliance of 50 partners with five years of journal — 100,000 observations, 40 % of them
/// naming 1–3 other partners (a few hub partners named most), 2,000 joint ripples, 100 mapping sessions with their
/// partners, 20 quarterly check-in rounds answered by 60 members on 8 imperatives — then the network, its diff, a
/// round summary and an imperative's trend, each beside plain SQL over the same facts in plain tables.
/// </summary>
public static class RelationalBench
{
    private const string Steward = "relational-steward@example.org";
    private const string Commissioner = "relational-commissioner@example.org";
    private const int Partners = 50;
    private const int Years = 5;
    private const int Observations = 100_000;
    private const int Ripples = 2_000;
    private const int Sessions = 100;
    private const int Rounds = 20;
    private const int Imperatives = 8;
    private const int Facilitators = 5;
    private const int Commissioners = 5;

    private sealed record Joint(DateOnly On, Guid[] Partners);

    private sealed record Answer(Guid Round, string Subject, string Role, Guid Imperative, int? Rating);

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, 16);
        var watch = Stopwatch.StartNew();
        var random = new Random(13);
        var a = (await client.PostJson(Steward, "/api/alliances",
            new { name = "Relational benchmark", agreementType = "relational-contract", sharedPurpose = "Measure relational health" }))["id"]!.GetValue<string>();
        var partners = new List<Guid>();
        for (var p = 0; p < Partners; p++)
            partners.Add(Guid.Parse((await client.PostJson(Steward, $"/api/alliances/{a}/partners", new { name = $"Partner {p:00}", kind = "vcse" }))["id"]!.GetValue<string>()));
        var imperatives = new List<Guid>();
        for (var i = 0; i < Imperatives; i++)
            imperatives.Add(Guid.Parse((await client.PostJson(Steward, $"/api/alliances/{a}/imperatives", new { text = $"Imperative {i}" }))["id"]!.GetValue<string>()));
        var members = new List<(string Subject, string Role)>();
        for (var p = 0; p < Partners; p++) members.Add(($"partner-{p}@example.org", "partner"));
        for (var f = 0; f < Facilitators; f++) members.Add(($"facilitator-{f}@example.org", "facilitator"));
        for (var c = 0; c < Commissioners; c++) members.Add(($"commissioner-{c}@example.org", "commissioner"));
        members.Add((Commissioner, "commissioner"));
        foreach (var (subject, role) in members)
            await client.PostJson(Steward, $"/api/alliances/{a}/members", new
            {
                subject, displayName = subject.Split('@')[0], role,
                partnerId = role == "partner" ? partners[int.Parse(subject.Split('-', '@')[1])] : (Guid?)null
            });

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddYears(-Years);
        var observations = JointObservations(random, partners, start, today);
        await ImportAsync(client, a, observations);
        var facts = new List<Joint>();
        var map = (await client.PostJson(Steward, $"/api/alliances/{a}/maps", new { focus = "Joint work" }))["id"]!.GetValue<string>();
        for (var s = 0; s < Sessions; s++)
        {
            var together = Pick(random, partners, random.Next(3, 9));
            var heldOn = start.AddDays(random.Next(0, Years * 365));
            await client.PostJson(Steward, $"/api/alliances/{a}/maps/{map}/sessions", new { title = $"Session {s}", heldOn = heldOn.ToString("yyyy-MM-dd"), partners = together });
            facts.Add(new Joint(heldOn, together));
        }
        for (var r = 0; r < Ripples; r++)
        {
            var together = Pick(random, partners, random.Next(2, 4));
            await client.PostJson(Steward, $"/api/alliances/{a}/maps/{map}/ripples", new
            { label = $"Ripple {r}", capitals = new[] { "social" }, valence = "generative", intended = true, causedBy = new[] { map }, withPartners = together });
            facts.Add(new Joint(today, together));
        }
        var answers = await CheckInsAsync(client, a, random, members, imperatives, start);
        await WaitForProjectionsAsync(options);
        report.Row($"setup: {Partners} partners, {Years} years: {Observations:N0} observations ({observations.Count(o => o.Partners.Length > 1):N0} joint), " +
                   $"{Ripples:N0} joint ripples, {Sessions} sessions, {Rounds} check-in rounds × {members.Count} members × {Imperatives} imperatives",
            $"{watch.Elapsed.TotalSeconds:0} s", "", "", "", null);

        var raw = await LoadRawAsync(options, observations, facts, answers);
        var steward = client.Token(Steward);
        var commissioner = client.Token(Commissioner);
        var latestRound = answers.Select(x => x.Round).Distinct().Last();

        var network = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}/network"));
        var rawNetwork = await InsightsBench.TimeAsync(() => raw.QueryAsync(RawNetwork, today));
        InsightsBench.Add(report, $"network p95 ({Partners} partners, all {Years} years)", network, rawNetwork, 200);

        var asCommissioner = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, commissioner, $"/api/alliances/{a}/network"));
        InsightsBench.Add(report, "network p95 as a commissioner (small counts suppressed)", asCommissioner, rawNetwork, 200);

        var from = today.AddDays(-91);
        var diff = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}/network/diff?from={from:yyyy-MM-dd}"));
        var rawDiff = await InsightsBench.TimeAsync(async () => { await raw.QueryAsync(RawNetwork, from); await raw.QueryAsync(RawNetwork, today); });
        InsightsBench.Add(report, "network diff p95 (the last quarter)", diff, rawDiff, 200);

        var graphml = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, steward, $"/api/alliances/{a}/network/export?format=graphml"));
        InsightsBench.Add(report, "network GraphML export p95", graphml, rawNetwork, 200);

        var summary = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, commissioner, $"/api/alliances/{a}/check-ins/{latestRound}/summary"));
        var rawSummary = await InsightsBench.TimeAsync(async () => { await raw.QueryAsync(RawDistribution, latestRound); await raw.QueryAsync(RawRoleMedians, latestRound); });
        InsightsBench.Add(report, $"round summary p95 ({members.Count} respondents × {Imperatives} imperatives)", summary, rawSummary, 200);

        var trend = await InsightsBench.TimeAsync(() => InsightsBench.GetAsync(client, commissioner, $"/api/alliances/{a}/imperatives/{imperatives[0]}/trend"));
        var rawTrend = await InsightsBench.TimeAsync(() => raw.QueryAsync(RawTrend, imperatives[0]));
        InsightsBench.Add(report, $"imperative trend p95 ({Rounds} rounds)", trend, rawTrend, 200);

        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL and this load generator. Reads are {InsightsBench.Samples} " +
                    "sequential requests after a warm-up request. Baselines: plain SQL over the same facts in plain tables — the network: every pair " +
                    "of partners of each joint observation, ripple and session grouped with counts and first and latest days; the diff: that at both " +
                    "days; the round summary: answers counted by imperative and rating, and median ratings by imperative and role; the trend: the " +
                    "median rating of one imperative in each round. The service reads joint observations from per-pair quarterly counts that a " +
                    "trigger keeps beside the observations' read model (and the current quarter from the observation tally); the baseline " +
                    "pairs up every joint observation at read time.");
    }

    private const string RawNetwork = """
        select p, q, count(*), min(on_day), max(on_day)
        from raw_joint, unnest(partners) p, unnest(partners) q
        where on_day <= $1 and p < q
        group by p, q
        """;

    private const string RawDistribution = "select imperative, rating, count(*) from raw_answers where round = $1 group by imperative, rating";

    private const string RawRoleMedians =
        "select imperative, role, count(*), percentile_cont(0.5) within group (order by rating) from raw_answers where round = $1 group by imperative, role";

    private const string RawTrend = """
        select round, count(*), percentile_cont(0.5) within group (order by rating) from raw_answers where imperative = $1 group by round
        """;

    /// <summary>Observations spread over the years; 40 % name 1–3 others, a few hub partners far more often than the rest.</summary>
    private static List<Joint> JointObservations(Random random, List<Guid> partners, DateOnly start, DateOnly today)
    {
        var days = today.DayNumber - start.DayNumber;
        Guid Skewed() => partners[(int)(partners.Count * Math.Pow(random.NextDouble(), 2.5))];
        return [.. Enumerable.Range(0, Observations).Select(i =>
        {
            var own = partners[random.Next(partners.Count)];
            var others = random.NextDouble() < 0.4 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => Skewed()).Where(p => p != own).Distinct() : [];
            return new Joint(start.AddDays(random.Next(0, days)), [own, .. others]);
        })];
    }

    private static Guid[] Pick(Random random, List<Guid> partners, int count) => [.. partners.OrderBy(_ => random.Next()).Take(count)];

    private static async Task ImportAsync(BenchClient client, string a, List<Joint> observations)
    {
        var csv = new StringBuilder("observedAt,text,valence,partnerId,consentScope,identifiable,withPartners\n");
        foreach (var (o, i) in observations.Select((o, i) => (o, i)))
            csv.Append(CultureInfo.InvariantCulture,
                $"{o.On:yyyy-MM-dd}T12:00:00Z,Worked on it together,generative,{o.Partners[0]},{(i % 3 == 0 ? "alliance" : "commissioners")},false,{string.Join(';', o.Partners.Skip(1))}\n");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alliances/{a}/observations/import")
            { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token(Steward));
        using var response = await client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || System.Text.Json.Nodes.JsonNode.Parse(body)!["imported"]!.GetValue<long>() != Observations)
            throw new InvalidOperationException($"import: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
    }

    /// <summary>Quarterly rounds; each member rates each imperative (now and then "can't say"), ratings drifting up over the years.</summary>
    private static async Task<List<Answer>> CheckInsAsync(BenchClient client, string a, Random random, List<(string Subject, string Role)> members,
        List<Guid> imperatives, DateOnly start)
    {
        var answers = new List<Answer>();
        for (var q = 0; q < Rounds; q++)
        {
            var periodStart = start.AddMonths(3 * q);
            var round = Guid.Parse((await client.PostJson(Steward, $"/api/alliances/{a}/check-ins", new
            { title = $"Quarter {q + 1}", periodStart = periodStart.ToString("yyyy-MM-dd"), periodEnd = periodStart.AddMonths(3).AddDays(-1).ToString("yyyy-MM-dd") }))["id"]!.GetValue<string>());
            foreach (var (subject, role) in members.Where(m => m.Subject != Commissioner))
            {
                var given = imperatives.Select(i => (Imperative: i, Rating: random.NextDouble() < 0.1 ? (int?)null
                    : Math.Clamp(1 + q / 5 + random.Next(0, 3) - (role == "commissioner" ? 1 : 0), 1, 5))).ToList();
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/alliances/{a}/check-ins/{round}/answers/mine")
                { Content = JsonContent.Create(new { answers = given.Select(g => new { imperativeId = g.Imperative, rating = g.Rating, example = (string?)null, wouldHelp = "More time together" }) }) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token(subject));
                using var response = await client.Http.SendAsync(request);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"check-in answer: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                answers.AddRange(given.Select(g => new Answer(round, subject, role, g.Imperative, g.Rating)));
            }
        }
        return answers;
    }

    private static async Task WaitForProjectionsAsync(BenchOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        for (var tries = 0; tries < 1200; tries++)
        {
            await using var behind = new NpgsqlCommand(
                "select count(*) from impactjournal.mt_event_progression where name like '%:%' and last_seq_id < (select max(seq_id) from impactjournal.mt_events)", connection);
            if ((long)(await behind.ExecuteScalarAsync())! == 0) return;
            await Task.Delay(500);
        }
        throw new TimeoutException("The projections did not catch up within 10 minutes.");
    }

    private static async Task<InsightsBench.RawTables> LoadRawAsync(BenchOptions options, List<Joint> observations, List<Joint> facts, List<Answer> answers)
    {
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var setup = dataSource.CreateCommand("""
            drop table if exists raw_joint, raw_answers;
            create table raw_joint (on_day date, partners uuid[]);
            create table raw_answers (round uuid, subject text, role text, imperative uuid, rating int);
            """))
            await setup.ExecuteNonQueryAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_joint from stdin (format binary)"))
        {
            foreach (var joint in observations.Where(o => o.Partners.Length > 1).Concat(facts))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(joint.On, NpgsqlDbType.Date);
                await copy.WriteAsync(joint.Partners, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_answers from stdin (format binary)"))
        {
            foreach (var answer in answers)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(answer.Round, NpgsqlDbType.Uuid);
                await copy.WriteAsync(answer.Subject, NpgsqlDbType.Text);
                await copy.WriteAsync(answer.Role, NpgsqlDbType.Text);
                await copy.WriteAsync(answer.Imperative, NpgsqlDbType.Uuid);
                if (answer.Rating is { } rating) await copy.WriteAsync(rating, NpgsqlDbType.Integer);
                else await copy.WriteNullAsync();
            }
            await copy.CompleteAsync();
        }
        await using (var index = dataSource.CreateCommand(
            "create index on raw_joint (on_day); create index on raw_answers (round); create index on raw_answers (imperative); analyze raw_joint; analyze raw_answers;"))
            await index.ExecuteNonQueryAsync();
        return new InsightsBench.RawTables(dataSource);
    }
}
