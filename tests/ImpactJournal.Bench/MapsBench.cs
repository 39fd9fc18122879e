using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace ImpactJournal.Bench;

/// <summary>
/// Issue 4's figures: a map of 10,000 ripples and 30,000 links built through the service, then reads
/// of it (now, as of the middle of its history, GraphML, SVG) beside reading the same rows from plain
/// tables, and a live session of concurrent writers with SSE listeners.
/// </summary>
public static partial class MapsBench
{
    private const string Steward = "bench-steward@example.org";
    private const int Ripples = 10_000;
    private const int CausesPerRipple = 3;
    private const int BuildClients = 4;
    private const int Samples = 40;
    private const int LiveWriters = 30;
    private const int LiveListeners = 50;
    private const int BoardViews = 50;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, 64);
        var token = client.Token(Steward);
        var alliance = await client.PostJson(Steward, "/api/alliances",
            new { name = "Benchmark alliance", agreementType = "alliance-contract", sharedPurpose = "Measure the maps" });
        var allianceId = Guid.Parse(alliance["id"]!.GetValue<string>());
        var mapUrl = $"/api/alliances/{allianceId}/maps";
        var map = await client.PostJson(Steward, mapUrl, new { focus = "Benchmark focus intervention" });
        var mapId = Guid.Parse(map["id"]!.GetValue<string>());
        mapUrl += $"/{mapId}";

        var (built, middle) = await BuildAsync(client, token, mapUrl, mapId);
        report.Row($"build: POST ripple with {CausesPerRipple} causes, {BuildClients} clients", $"{built:N0} ripples/s", "", "", "", null);

        var whole = await GetJsonAsync(client, token, mapUrl);
        Console.WriteLine($"Map has {whole["nodes"]!.AsArray().Count:N0} ripples and {whole["links"]!.AsArray().Count:N0} links");
        var raw = await LoadRawTablesAsync(options, whole);

        var get = await TimeAsync(() => GetBytesAsync(client, token, mapUrl));
        var rawRead = await TimeAsync(() => raw.ReadAllAsync(null));
        report.Row("GET map p95 (10,000 ripples, 30,000 links)", Ms(get), Ms(rawRead), Ratio(get, rawRead), "< 100 ms", get.Percentile(95) < 100);

        var asOfUrl = $"{mapUrl}?asOf={Uri.EscapeDataString(middle.ToString("O"))}";
        var asOf = await TimeAsync(() => GetBytesAsync(client, token, asOfUrl), Samples / 4);
        var rawAsOf = await TimeAsync(() => raw.ReadAllAsync(middle), Samples / 4);
        report.Row("GET map ?asOf= p95 (half-way through its history)", Ms(asOf), Ms(rawAsOf), Ratio(asOf, rawAsOf), "< 1 s", asOf.Percentile(95) < 1000);

        var graphMl = await TimeAsync(() => GetBytesAsync(client, token, $"{mapUrl}/export?format=graphml"), Samples / 4);
        report.Row("GraphML export p95", Ms(graphMl), Ms(rawRead), Ratio(graphMl, rawRead), "< 2 s", graphMl.Percentile(95) < 2000);
        var svg = await TimeAsync(() => GetBytesAsync(client, token, $"{mapUrl}/picture"), Samples / 4);
        report.Row("SVG picture p95", Ms(svg), Ms(rawRead), Ratio(svg, rawRead), "< 2 s", svg.Percentile(95) < 2000);

        var viewers = await AddViewersAsync(client, allianceId);
        await LiveSessionAsync(options, report, client, viewers, mapUrl, mapId);
        await BoardViewsAsync(options, report, client, allianceId, viewers);
        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL (durable: fsync on) and this load generator. " +
                    $"Reads are {Samples} sequential requests after a warm-up request. The raw baseline reads the same ripples and links " +
                    "(for asOf: those recorded by then) from two plain indexed tables with Npgsql, without computing anything.");
    }

    private static async Task<(double RipplesPerSecond, DateTimeOffset Middle)> BuildAsync(BenchClient client, string token, string mapUrl, Guid mapId)
    {
        var ids = new Guid[Ripples];
        for (var i = 0; i < Ripples; i++) ids[i] = Guid.CreateVersion7();
        var middle = DateTimeOffset.MinValue;
        var watch = Stopwatch.StartNew();
        // In rounds, so that every cause named was acknowledged in an earlier round.
        const int round = 100;
        for (var start = 0; start < Ripples; start += round)
        {
            var written = start;
            var next = start - 1;
            await Task.WhenAll(Enumerable.Range(0, BuildClients).Select(c => Task.Run(async () =>
            {
                var random = new Random(start + c);
                int i;
                while ((i = Interlocked.Increment(ref next)) < start + round)
                {
                    var causes = written == 0 ? [mapId]
                        : Enumerable.Range(0, CausesPerRipple).Select(_ => random.Next(written + 1)).Distinct()
                            .Select(k => k == written ? mapId : ids[k]).ToArray();
                    var capitals = new[] { Capital(random), Capital(random) }.Distinct().Take(1 + random.Next(2)).ToArray();
                    var body = new
                    {
                        id = ids[i], label = $"Ripple {i}: something that happened because of something else", capitals,
                        valence = random.Next(10) == 0 ? "degenerative" : "generative", intended = random.Next(5) != 0, causedBy = causes
                    };
                    await client.PostJson(Steward, $"{mapUrl}/ripples", body);
                }
            })));
            if (start == Ripples / 2) middle = DateTimeOffset.UtcNow;
        }
        return (Ripples / watch.Elapsed.TotalSeconds, middle);
    }

    private static string Capital(Random random) =>
        new[] { "natural", "cultural", "human", "social", "political", "financial", "built" }[random.Next(7)];

    /// <summary>Only the room: a fresh alliance, its viewers and <see cref="BoardViewsAsync"/>.</summary>
    public static async Task BoardAsync(BenchOptions options, Report report)
    {
        var client = new BenchClient(options, 128);
        var alliance = await client.PostJson(Steward, "/api/alliances",
            new { name = "Board benchmark alliance", agreementType = "alliance-contract", sharedPurpose = "Measure the board" });
        var allianceId = Guid.Parse(alliance["id"]!.GetValue<string>());
        await BoardViewsAsync(options, report, client, allianceId, await AddViewersAsync(client, allianceId));
        var raw = await RawNotifyAsync(options);
        report.Row($"raw baseline: {LiveWriters} writers INSERT + pg_notify at the same pace, {BoardViews} LISTEN connections — p95 from the INSERT being sent to every listener",
            $"{raw.Percentile(95):0} ms", "", "", "", null);
        report.Note($"{Environment.ProcessorCount} cores shared by the service, PostgreSQL (durable: fsync on) and this load generator, " +
                    "which also plays the 50 browsers (each a board's live stream of patches, and the whole picture only when a patch cannot be put in, as board.js does).");
    }

    /// <summary>One member per open board or projector: the service allows each person only a few live streams.</summary>
    private static async Task<string[]> AddViewersAsync(BenchClient client, Guid allianceId)
    {
        var viewers = Enumerable.Range(0, Math.Max(LiveListeners, BoardViews)).Select(i => $"bench-viewer-{i}@example.org").ToArray();
        foreach (var viewer in viewers)
            await client.PostJson(Steward, $"/api/alliances/{allianceId}/members", new { subject = viewer, displayName = viewer.Split('@')[0], role = "commissioner" });
        return [.. viewers.Select(client.Token)];
    }

    private static async Task LiveSessionAsync(BenchOptions options, Report report, BenchClient client, string[] viewers, string mapUrl, Guid mapId)
    {
        var token = client.Token(Steward);
        var memory = new PeakMemory(options.ServicePid);
        var session = await client.PostJson(Steward, $"{mapUrl}/sessions", new { title = "Live benchmark session", heldOn = "2025-04-22" });
        var sessionId = session["id"]!.GetValue<string>();
        var writes = new RippleWrites(client, token, mapUrl);
        var sent = writes.Sent;
        var acknowledged = writes.Acknowledged;
        var delivery = new Latencies();
        var received = Enumerable.Range(0, LiveListeners).Select(_ => new ConcurrentDictionary<string, bool>()).ToArray();

        using var stop = new CancellationTokenSource();
        var listeners = Enumerable.Range(0, LiveListeners).Select(l => Task.Run(() =>
            ListenAsync(client, viewers[l], $"{mapUrl}/live", (id, _) =>
            {
                received[l][id] = true;
                if (sent.TryGetValue(id, out var at)) delivery.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            }, stop.Token))).ToList();
        await Task.Delay(1000);

        var until = DateTime.UtcNow + options.LiveDuration;
        await Task.WhenAll(Enumerable.Range(0, LiveWriters).Select(w => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                var id = Guid.CreateVersion7().ToString();
                await writes.PostAsync(id, BenchClient.Json($$"""{"id":"{{id}}","label":"Live ripple from writer {{w}}","capitals":["social"],"valence":"generative","intended":true,"sessionId":"{{sessionId}}","causedBy":["{{mapId}}"]}"""));
            }
        })));
        await Task.Delay(2000);
        stop.Cancel();
        await Task.WhenAll(listeners.Select(l => l.ContinueWith(_ => { })));
        var peak = memory.Stop();

        var missedBySse = received.Sum(r => acknowledged.Count(id => !r.ContainsKey(id)));
        await writes.ReportAsync(report, "live", $"{LiveWriters} writers, {LiveListeners} SSE listeners", options.LiveDuration,
            () => GetJsonAsync(client, token, mapUrl));
        report.Row("live: acknowledged writes an SSE listener never received", $"{missedBySse}", "", "", "0", missedBySse == 0);
        report.Row("live: SSE delivery p95 (from the POST being sent)", $"{delivery.Percentile(95):0} ms", "", "", "< 500 ms", delivery.Percentile(95) < 500);
        report.Row("live: SSE delivery p50", $"{delivery.Percentile(50):0} ms", "", "", "", null);
        report.Row("live: service memory, peak", peak is { } mb ? $"{mb:N0} MB" : "n/a", "", "", "", null);
    }

    /// <summary>
    /// A session in a room: a fresh map, 30 people each adding a ripple about once a second, and 50 open
    /// boards and projectors that do what board.js does — load the whole picture once, then follow the board's
    /// stream, which pushes each map version's patch (made once for all boards, carrying the whole picture when the map
    /// was laid out afresh), fetching the whole picture again only when a patch cannot be put in. A change is on a view
    /// when the patch holding it arrives; measured from the POST being sent.
    /// </summary>
    private static async Task BoardViewsAsync(BenchOptions options, Report report, BenchClient client, Guid allianceId, string[] viewers)
    {
        var started = await client.PostJson(Steward, $"/api/alliances/{allianceId}/maps", new { focus = "Board benchmark: a community meal" });
        var mapId = started["id"]!.GetValue<string>();
        var mapUrl = $"/api/alliances/{allianceId}/maps/{mapId}";
        var session = await client.PostJson(Steward, $"{mapUrl}/sessions",
            new { title = "Board benchmark session", heldOn = "2025-04-22", participants = new { count = 30, roles = new[] { "residents", "partner staff" } } });
        var sessionId = session["id"]!.GetValue<string>();
        var token = client.Token(Steward);
        var writes = new RippleWrites(client, token, mapUrl);
        var sent = writes.Sent;
        var acknowledged = writes.Acknowledged;
        var onView = new Latencies();
        var wholeFetches = new Latencies();
        var answered = new Latencies();
        var patchesReceived = 0L;
        var wholePatches = 0L;
        var movedPatches = 0L;
        var patchBytes = 0L;
        var seen = Enumerable.Range(0, BoardViews).Select(_ => new ConcurrentDictionary<string, bool>()).ToArray();
        var said = new List<string>();
        var memory = new PeakMemory(options.ServicePid);
        var cpu = new CpuTime(options.ServicePid);

        using var stop = new CancellationTokenSource();
        var views = Enumerable.Range(0, BoardViews).Select(v => Task.Run(async () =>
        {
            var board = $"/alliances/{allianceId}/maps/{mapId}/board";
            var whole = $"{board}?handler=Live{(v % 2 == 1 ? "&view=projector" : "")}";
            // As board.js: the whole picture once, then each change as the patch the board's stream sends (carrying the
            // whole picture when the map was laid out afresh); a fetch of the whole picture only when a patch cannot be put in.
            // A ripple is on the view when the patch (or picture) holding it arrives.
            var html = await GetTextAsync(client, viewers[v], whole);
            var layout = Layout().Match(html).Groups[1].Value;
            var version = long.Parse(VersionShown().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await ReadEventsAsync(client, viewers[v], $"{board}?handler=Stream&after={version}", async (type, _, data) =>
            {
                if (type != "patch") return;
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref patchesReceived);
                Interlocked.Add(ref patchBytes, data.Length);
                if (data[..data.IndexOf('>')].Contains("data-whole", StringComparison.Ordinal)) Interlocked.Increment(ref wholePatches);
                if (long.Parse(VersionShown().Match(data).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= version) return;
                var patched = Layout().Match(data).Groups[1].Value;
                // As board.js: a patch builds on the layout shown, or on the one its moved ripples come from (they glide).
                var movedFrom = MovedFrom().Match(data);
                if (movedFrom.Success) Interlocked.Increment(ref movedPatches);
                if (data[..data.IndexOf('>')].Contains("data-whole", StringComparison.Ordinal) || (movedFrom.Success ? movedFrom.Groups[1].Value : patched) == layout) layout = patched;
                if (patched != layout)
                {
                    var watch = Stopwatch.StartNew();
                    data = await GetTextAsync(client, viewers[v], whole);
                    now = Stopwatch.GetTimestamp();
                    wholeFetches.Add(watch.Elapsed.TotalMilliseconds);
                    layout = Layout().Match(data).Groups[1].Value;
                }
                version = long.Parse(VersionShown().Match(data).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                foreach (System.Text.RegularExpressions.Match m in RippleIds().Matches(data))
                    if (seen[v].TryAdd(m.Groups[1].Value, true) && sent.TryGetValue(m.Groups[1].Value, out var at))
                        onView.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            }, stop.Token);
        })).ToList();
        await Task.Delay(2000);

        var until = DateTime.UtcNow + options.LiveDuration;
        await Task.WhenAll(Enumerable.Range(0, LiveWriters).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            await Task.Delay(random.Next(1000));
            while (DateTime.UtcNow < until)
            {
                var next = Stopwatch.GetTimestamp();
                var id = Guid.CreateVersion7().ToString();
                // As in a room: some ripples come straight from the focus, most from something said earlier.
                string cause;
                lock (said) cause = said.Count == 0 || random.Next(10) < 3 ? mapId : said[random.Next(said.Count)];
                var body = BenchClient.Json($$"""{"id":"{{id}}","label":"Said in the room by person {{w}}","capitals":["{{Capital(random)}}"],"valence":"generative","intended":true,"sessionId":"{{sessionId}}","causedBy":["{{cause}}"]}""");
                var posting = Stopwatch.StartNew();
                if (await writes.PostAsync(id, body))
                {
                    answered.Add(posting.Elapsed.TotalMilliseconds);
                    lock (said) said.Add(id);
                }
                var wait = options.BoardPace * (0.5 + random.NextDouble()) - Stopwatch.GetElapsedTime(next);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
            }
        })));
        await Task.Delay(3000);
        stop.Cancel();
        await Task.WhenAll(views.Select(v => v.ContinueWith(_ => { })));
        var peak = memory.Stop();

        var missed = seen.Sum(s => acknowledged.Count(id => !s.ContainsKey(id)));
        await writes.ReportAsync(report, "board",
            $"{LiveWriters} people each adding a ripple every {options.BoardPace.TotalSeconds:0.#} s (±50 %), {BoardViews} open boards and projectors",
            options.LiveDuration, () => GetJsonAsync(client, token, mapUrl));
        report.Row("board: acknowledged ripples a view never showed", $"{missed}", "", "", "0", missed == 0);
        report.Row("board: p95 from the POST being sent to the ripple being on every view (patch received)", $"{onView.Percentile(95):0} ms", "", "", "< 250 ms", onView.Percentile(95) < 250);
        report.Row("board: the same, p50", $"{onView.Percentile(50):0} ms", "", "", "", null);
        report.Row("board: a write's answer (201) p95 and p50 (writes to one map queue for its lock)", $"{answered.Percentile(95):0} ms, {answered.Percentile(50):0} ms", "", "", "", null);
        report.Row("board: patches received by the views (one per map version shown, pushed down each board's stream)", $"{patchesReceived:N0}", "", "", "", null);
        report.Row("board: of which carried the whole picture, of which the ripples that moved (a sector grew), and the patches' mean size",
            $"{wholePatches:N0}, {movedPatches:N0}, {(patchesReceived == 0 ? 0 : patchBytes / patchesReceived / 1024.0):N1} kB", "", "", "", null);
        report.Row("board: whole pictures fetched (a patch that could not be put in), and their p95", $"{wholeFetches.Count:N0}, {wholeFetches.Percentile(95):0} ms", "", "", "", null);
        report.Row("board: service memory, peak", peak is { } mb ? $"{mb:N0} MB" : "n/a", "", "", "< 400 MB", peak is { } m ? m < 400 : null);
        report.Row("board: CPU used during the session", cpu.Used(), "", "", "", null);
    }

    /// <summary>
    /// The same room with PostgreSQL alone: each writer inserts a row and notifies, each of 50 connections
    /// listens; the time from the INSERT being sent to the notification arriving, for every listener.
    /// </summary>
    private static async Task<Latencies> RawNotifyAsync(BenchOptions options)
    {
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var setup = dataSource.CreateCommand("drop table if exists raw_room; create table raw_room (id uuid primary key, label text, added_at timestamptz default now())"))
            await setup.ExecuteNonQueryAsync();
        var sent = new ConcurrentDictionary<string, long>();
        var delivered = new Latencies();
        using var stop = new CancellationTokenSource();
        var listeners = new List<(NpgsqlConnection Connection, Task Waiting)>();
        for (var l = 0; l < BoardViews; l++)
        {
            var connection = await dataSource.OpenConnectionAsync();
            connection.Notification += (_, e) =>
            {
                if (sent.TryGetValue(e.Payload, out var at)) delivered.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            };
            await using (var listen = new NpgsqlCommand("listen raw_room", connection)) await listen.ExecuteNonQueryAsync();
            listeners.Add((connection, Task.Run(async () =>
            {
                try { while (!stop.IsCancellationRequested) await connection.WaitAsync(stop.Token); }
                catch (OperationCanceledException) { }
            })));
        }
        var until = DateTime.UtcNow + options.LiveDuration;
        await Task.WhenAll(Enumerable.Range(0, LiveWriters).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            await Task.Delay(random.Next(1000));
            while (DateTime.UtcNow < until)
            {
                var next = Stopwatch.GetTimestamp();
                var id = Guid.CreateVersion7();
                sent[id.ToString()] = Stopwatch.GetTimestamp();
                await using (var insert = dataSource.CreateCommand("with added as (insert into raw_room (id, label) values ($1, $2) returning id) select pg_notify('raw_room', id::text) from added"))
                {
                    insert.Parameters.AddWithValue(id);
                    insert.Parameters.AddWithValue($"Said in the room by person {w}");
                    await insert.ExecuteNonQueryAsync();
                }
                var wait = options.BoardPace * (0.5 + random.NextDouble()) - Stopwatch.GetElapsedTime(next);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
            }
        })));
        await Task.Delay(1000);
        stop.Cancel();
        foreach (var (connection, waiting) in listeners)
        {
            await waiting;
            await connection.DisposeAsync();
        }
        return delivered;
    }

    [System.Text.RegularExpressions.GeneratedRegex("id=\"r-([0-9a-f-]{36})\"")]
    private static partial System.Text.RegularExpressions.Regex RippleIds();

    [System.Text.RegularExpressions.GeneratedRegex("data-layout=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex Layout();

    [System.Text.RegularExpressions.GeneratedRegex("data-moved-from=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex MovedFrom();

    [System.Text.RegularExpressions.GeneratedRegex("data-version=\"([0-9]+)\"")]
    private static partial System.Text.RegularExpressions.Regex VersionShown();

    /// <summary>The body of a GET as text; empty for 204 No Content.</summary>
    private static async Task<string> GetTextAsync(BenchClient client, string token, string url) =>
        System.Text.Encoding.UTF8.GetString(await GetBytesAsync(client, token, url));

    /// <summary>Reads a map's live stream; calls back for each ripple added with the ripple's id and the event's id (the map version).</summary>
    private static Task ListenAsync(BenchClient client, string token, string url, Action<string, long> rippleAdded, CancellationToken ct) =>
        ReadEventsAsync(client, token, url, (type, id, data) =>
        {
            if (type == "ripple-added") rippleAdded(JsonNode.Parse(data)!["data"]!["rippleId"]!.GetValue<string>(), id);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Reads a server-sent event stream until cancelled; calls back with each event's type, id and data (its lines joined).</summary>
    private static async Task ReadEventsAsync(BenchClient client, string token, string url, Func<string?, long, string, Task> received, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string? type = null;
        var data = new System.Text.StringBuilder();
        var id = 0L;
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.StartsWith("event: ")) type = line[7..];
                else if (line.StartsWith("data: ")) data.Append(data.Length > 0 ? "\n" : "").Append(line[6..]);
                else if (line.StartsWith("id: ")) id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
                else if (line.Length == 0)
                {
                    if (data.Length > 0) await received(type, id, data.ToString());
                    type = null;
                    data.Clear();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<JsonNode> GetJsonAsync(BenchClient client, string token, string url) =>
        JsonNode.Parse(await GetBytesAsync(client, token, url))!;

    private static async Task<byte[]> GetBytesAsync(BenchClient client, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        return bytes;
    }

    private static async Task<Latencies> TimeAsync(Func<Task> operation, int samples = Samples)
    {
        await operation();
        var latencies = new Latencies();
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    private static string Ms(Latencies l) => $"{l.Percentile(95):N0} ms";

    private static string Ratio(Latencies service, Latencies raw) => $"{service.Percentile(95) / raw.Percentile(95):0.0}×";

    private static async Task<RawMap> LoadRawTablesAsync(BenchOptions options, JsonNode map)
    {
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var setup = dataSource.CreateCommand("""
            drop table if exists raw_map_nodes, raw_map_links;
            create table raw_map_nodes (id uuid primary key, label text, capitals text[], valence text, intended boolean, added_by text, added_at timestamptz);
            create table raw_map_links (id uuid primary key, from_id uuid, to_id uuid, relation text, status text, asserted_by text, asserted_at timestamptz);
            create index on raw_map_nodes (added_at); create index on raw_map_links (asserted_at);
            """))
            await setup.ExecuteNonQueryAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var nodes = await connection.BeginBinaryImportAsync("copy raw_map_nodes from stdin (format binary)"))
        {
            foreach (var n in map["nodes"]!.AsArray())
            {
                await nodes.StartRowAsync();
                await nodes.WriteAsync(Guid.Parse(n!["id"]!.GetValue<string>()), NpgsqlDbType.Uuid);
                await nodes.WriteAsync(n["label"]!.GetValue<string>(), NpgsqlDbType.Text);
                await nodes.WriteAsync(n["capitals"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await nodes.WriteAsync(n["valence"]!.GetValue<string>(), NpgsqlDbType.Text);
                await nodes.WriteAsync(n["intended"]?.GetValue<bool>() ?? false, NpgsqlDbType.Boolean);
                await nodes.WriteAsync(n["addedBy"]!.GetValue<string>(), NpgsqlDbType.Text);
                await nodes.WriteAsync(DateTimeOffset.Parse(n["addedAt"]!.GetValue<string>()).UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            await nodes.CompleteAsync();
        }
        await using (var links = await connection.BeginBinaryImportAsync("copy raw_map_links from stdin (format binary)"))
        {
            foreach (var l in map["links"]!.AsArray())
            {
                await links.StartRowAsync();
                await links.WriteAsync(Guid.Parse(l!["id"]!.GetValue<string>()), NpgsqlDbType.Uuid);
                await links.WriteAsync(Guid.Parse(l["from"]!.GetValue<string>()), NpgsqlDbType.Uuid);
                await links.WriteAsync(Guid.Parse(l["to"]!.GetValue<string>()), NpgsqlDbType.Uuid);
                await links.WriteAsync(l["relation"]!.GetValue<string>(), NpgsqlDbType.Text);
                await links.WriteAsync(l["status"]!.GetValue<string>(), NpgsqlDbType.Text);
                await links.WriteAsync(l["assertedBy"]!.GetValue<string>(), NpgsqlDbType.Text);
                await links.WriteAsync(DateTimeOffset.Parse(l["assertedAt"]!.GetValue<string>()).UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            await links.CompleteAsync();
        }
        await using (var analyze = dataSource.CreateCommand("analyze raw_map_nodes; analyze raw_map_links;")) await analyze.ExecuteNonQueryAsync();
        return new RawMap(dataSource);
    }

    private sealed class RawMap(NpgsqlDataSource dataSource)
    {
        /// <summary>Reads every ripple and link row (recorded by <paramref name="asOf"/>, if given) into memory.</summary>
        public async Task ReadAllAsync(DateTimeOffset? asOf)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            foreach (var sql in new[]
            {
                "select id, label, capitals, valence, intended, added_by, added_at from raw_map_nodes where added_at <= $1",
                "select id, from_id, to_id, relation, status, asserted_by, asserted_at from raw_map_links where asserted_at <= $1"
            })
            {
                await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = (asOf ?? DateTimeOffset.MaxValue).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz } } };
                await using var reader = await command.ExecuteReaderAsync();
                var values = new object[7];
                while (await reader.ReadAsync()) reader.GetValues(values);
            }
        }
    }
}
