using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ImpactJournal.Bench;

/// <summary>
/// Issue 35's figure: searching a learning commons of 5,000 items from 200 alliances, p95 under 200 ms, over a mix of
/// filters (none, capital, theme, collaboration model, partner kind, period, and two together), beside plain SQL answering
/// the same question from a plain table of the same rows with array indexes, measured in the same run.
/// The commons is filled the way alliances fill it: each alliance writes its public profile, tells public stories and
/// maps ripples, and publishes them one by one through the API, so the read model is built by the service's own projection.
/// </summary>
public static class CommonsBench
{
    private const int Alliances = 200;
    private const int StoriesEach = 15;
    private const int MapsEach = 10;
    private const int Items = Alliances * (StoriesEach + MapsEach);
    private const int Clients = 16;
    private const int SamplesPerFilter = 40;
    private static readonly string[] Models = ["alliance-contract", "relational-contract", "collaboration-agreement", "thin-layer-cooperative",
        "public-commons-partnership", "innovation-partnership", "grant-collaboration"];
    private static readonly string[] Kinds = ["council", "vcse", "cooperative", "social-enterprise", "sme", "community-group", "health", "other"];
    private static readonly string[] Capitals = ["natural", "cultural", "human", "social", "political", "financial", "built"];
    private static readonly string[] Themes = ["food", "housing", "belonging", "volunteering", "health", "money", "skills", "isolation", "transport", "youth"];

    private sealed record Search(string Name, string Query, string Where, object?[] Values);

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var load = LoadAverage();
        var client = new BenchClient(options, Clients);
        var watch = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Parallel.ForEachAsync(Enumerable.Range(0, Alliances), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, _) =>
        {
            await PublishAllianceAsync(client, i, today);
        });
        var inCommons = await CountAsync(options);
        report.Row($"setup: {Alliances} alliances write their profiles and publish {inCommons:N0} items through the API " +
                   $"({StoriesEach} public stories and {MapsEach} one-ripple maps each)", $"{watch.Elapsed.TotalSeconds:0} s", "", "", "", inCommons == Items ? null : false);

        await using var raw = await LoadRawAsync(options);
        // The reader is the steward of one alliance, searching everyone's items.
        var token = client.Token(Steward(0));
        var from = today.AddDays(-180).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Search[] mix =
        [
            new("none", "", "true", []),
            new("capital", "capital=social", "capitals @> array[$1]", ["social"]),
            new("theme", "theme=belonging", "themes @> array[$1]", ["belonging"]),
            new("collaboration model", "model=thin-layer-cooperative", "model = $1", ["thin-layer-cooperative"]),
            new("partner kind", "partnerKind=health", "partner_kinds @> array[$1]", ["health"]),
            new("period (a quarter)", $"from={from}&to={to}", "to_on >= $1 and from_on <= $2", [DateOnly.Parse(from), DateOnly.Parse(to)]),
            new("model and capital", "model=grant-collaboration&capital=human", "model = $1 and capitals @> array[$2]", ["grant-collaboration", "human"]),
        ];
        var (allService, allRaw) = (new List<double>(), new List<double>());
        foreach (var search in mix)
        {
            var hits = 0;
            var (s, r) = await Latencies.PairedAsync(
                async () => hits = await SearchAsync(client, token, search.Query),
                () => RawSearchAsync(raw, search), SamplesPerFilter, SamplesPerFilter, TimeSpan.FromSeconds(60));
            allService.AddRange(s.All);
            allRaw.AddRange(r.All);
            var (serviceMs, rawMs) = (s.Percentile(95), r.Percentile(95));
            report.Row($"search p95, {search.Name} ({hits} hits)", $"{serviceMs:N0} ms", $"{rawMs:N1} ms", $"{serviceMs / rawMs:0.0}×", "< 200 ms", serviceMs < 200);
        }
        var (all, allRawLatencies) = (Latencies.Of(allService), Latencies.Of(allRaw));
        report.Row($"search p95 over the whole mix ({allService.Count} searches)", $"{all.Percentile(95):N0} ms", $"{allRawLatencies.Percentile(95):N1} ms",
            $"{all.Percentile(95) / allRawLatencies.Percentile(95):0.0}×", "< 200 ms", all.Percentile(95) < 200);
        report.Row("search p50 over the whole mix", $"{all.Percentile(50):N0} ms", $"{allRawLatencies.Percentile(50):N1} ms",
            $"{all.Percentile(50) / allRawLatencies.Percentile(50):0.0}×", "", null);

        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL and this client (and, on the machine measured, other " +
                    $"people's builds: load average {load} before the run, {LoadAverage()} after). Each search is `GET /api/commons` as the steward of " +
                    $"one alliance, at most 50 items, latest published first, whole response read; {SamplesPerFilter} sequential searches per " +
                    "filter after a warm-up, alternating with the baseline. Baseline: the same question of a plain table holding the same " +
                    "items' rows (the alliance's name and model beside each, arrays of capitals, themes and partner kinds with GIN indexes), " +
                    "reading the same 50 rows' columns; it does not check who is asking or build JSON.");
    }

    private static string Steward(int alliance) => $"commons-steward-{alliance}@example.org";

    /// <summary>One alliance forms, writes its profile, tells and maps its items, and publishes each.</summary>
    private static async Task PublishAllianceAsync(BenchClient client, int i, DateOnly today)
    {
        var random = new Random(i);
        var steward = Steward(i);
        var a = (await client.PostJson(steward, "/api/alliances",
            new { name = $"Alliance {i:000}", agreementType = "alliance-contract", sharedPurpose = "Live well in our place" }))["id"]!.GetValue<string>();
        var partner = "";
        foreach (var kind in Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Kinds[random.Next(Kinds.Length)]).Distinct())
            partner = (await client.PostJson(steward, $"/api/alliances/{a}/partners", new { name = $"Partner {i} {kind}", kind }))["id"]!.GetValue<string>();
        await Put(client, steward, $"/api/alliances/{a}/commons/profile", new
        {
            name = $"Alliance {i:000}", about = "What we are, where, and what we are learning.", collaborationModel = Models[i % Models.Length],
            showPartnerNames = i % 2 == 0
        });
        for (var s = 0; s < StoriesEach; s++)
        {
            var story = (await client.PostJson(steward, $"/api/alliances/{a}/stories", new
            {
                title = $"Story {s} of alliance {i}",
                narrative = "What happened, told at the length of a real story. " + new string('x', 600),
                tellerRole = "resident",
                toldOn = today.AddDays(-random.Next(3 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                domainOfChange = "relationships",
                consent = new { scope = "public", identifiable = false },
                partnerId = partner,
                themes = new[] { Themes[random.Next(Themes.Length)], Themes[random.Next(Themes.Length)] }.Distinct()
            }))["id"]!.GetValue<string>();
            await client.PostJson(steward, $"/api/alliances/{a}/commons/publications", new { kind = "story", id = story });
        }
        for (var m = 0; m < MapsEach; m++)
        {
            var map = (await client.PostJson(steward, $"/api/alliances/{a}/maps", new { focus = $"Map {m} of alliance {i}" }))["id"]!.GetValue<string>();
            await client.PostJson(steward, $"/api/alliances/{a}/maps/{map}/ripples", new
            {
                label = "Neighbours started cooking together",
                capitals = new[] { Capitals[random.Next(Capitals.Length)], Capitals[random.Next(Capitals.Length)] }.Distinct(),
                valence = "generative", intended = m % 2 == 0, causedBy = new[] { map },
                themes = new[] { Themes[random.Next(Themes.Length)] }
            });
            await client.PostJson(steward, $"/api/alliances/{a}/commons/publications", new { kind = "map", id = map });
        }
    }

    private static async Task Put(BenchClient client, string subject, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", client.Token(subject));
        using var response = await client.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<int> SearchAsync(BenchClient client, string token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/commons?{query}");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/api/commons?{query}: {(int)response.StatusCode} {body}");
        return System.Text.Json.Nodes.JsonNode.Parse(body)!["items"]!.AsArray().Count;
    }

    private static async Task<long> CountAsync(BenchOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from impactjournal.mt_doc_commonsitem", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The commons' items as plain rows, taken from the service's own read model once it is built.</summary>
    private static async Task<NpgsqlDataSource> LoadRawAsync(BenchOptions options)
    {
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using var create = dataSource.CreateCommand("""
            drop table if exists raw_commons;
            create table raw_commons as
              select i.id, i.data->>'kind' as kind, i.data->'entry'->>'title' as title, i.data->'entry'->>'text' as text,
                (i.data->'entry'->>'from')::date as from_on, (i.data->'entry'->>'to')::date as to_on,
                array(select jsonb_array_elements_text(i.data->'entry'->'capitals')) as capitals,
                array(select jsonb_array_elements_text(i.data->'entry'->'themes')) as themes,
                array(select jsonb_array_elements_text(i.data->'entry'->'partnerKinds')) as partner_kinds,
                a.id as alliance_id, a.data->>'name' as alliance_name, a.data->>'collaborationModel' as model,
                (i.data->>'publishedAt')::timestamptz as published_at
              from impactjournal.mt_doc_commonsitem i join impactjournal.mt_doc_commonsalliance a on a.id = i.alliance_id;
            create index on raw_commons using gin (capitals);
            create index on raw_commons using gin (themes);
            create index on raw_commons using gin (partner_kinds);
            create index on raw_commons (model);
            create index on raw_commons (published_at desc);
            analyze raw_commons;
            """);
        await create.ExecuteNonQueryAsync();
        return dataSource;
    }

    private static async Task RawSearchAsync(NpgsqlDataSource raw, Search search)
    {
        await using var command = raw.CreateCommand($"""
            select id, kind, title, text, from_on, to_on, capitals, themes, partner_kinds, alliance_id, alliance_name, model, published_at
            from raw_commons where {search.Where} order by published_at desc limit 50
            """);
        foreach (var value in search.Values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[13];
        while (await reader.ReadAsync()) reader.GetValues(values);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
