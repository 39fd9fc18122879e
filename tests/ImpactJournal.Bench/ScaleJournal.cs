using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ImpactJournal.Bench;

/// <summary>
/// A region's journal built through the service's bulk paths (CSV imports) and its ordinary API where it has
/// none (stories, ripples, reviews) with many requests in flight: 50 alliances whose sizes fall off steeply (a
/// few large, many small), observations over three years, stories, ripple maps (one of 10,000 ripples),
/// indicators with readings, and learning reviews. Everything it sends is kept to fill the raw tables.
/// </summary>
public sealed class ScaleJournal(BenchClient client, double scale)
{
    public const string Steward = "scale-steward@example.org";
    public const string Commissioner = "scale-commissioner@example.org";
    public const int AllianceCount = 50;
    public const int CommissionedAlliances = 10;
    private const int ImportRowsPerFile = 200_000;
    private static readonly string[] Themes = ["food", "housing", "belonging", "volunteering", "health", "money", "skills", "isolation"];
    private static readonly string[] Capitals = ["natural", "cultural", "human", "social", "political", "financial", "built"];

    public int Observations => (int)(1_000_000 * scale);
    public int Stories => (int)(50_000 * scale);
    public int Maps => Math.Max(2, (int)(200 * scale));
    public int Ripples => (int)(100_000 * scale);
    public int BiggestMapRipples => (int)(10_000 * scale);
    public int Indicators => Math.Max(AllianceCount, (int)(2_000 * scale));
    public const int ReadingsPerIndicator = 100;
    public int Reviews => Math.Max(AllianceCount, (int)(500 * scale));

    public sealed record Alliance(int Index, Guid Id, Guid[] Partners, double Weight);
    public sealed record ObservationRow(Guid Id, Guid Alliance, DateTimeOffset ObservedAt, Guid Partner, string[] Themes, string[] Capitals, string Valence);
    public sealed record RippleRow(Guid Id, Guid Map, string Label, Guid CausedBy);
    public sealed record ReadingRow(Guid Indicator, DateOnly On, double Value);

    public List<Alliance> Alliances { get; } = [];
    public List<ObservationRow> ObservationRows { get; } = [];
    public ConcurrentBag<RippleRow> RippleRows { get; } = [];
    public ConcurrentBag<ReadingRow> ReadingRows { get; } = [];
    public ConcurrentDictionary<Guid, ConcurrentBag<Guid>> IndicatorsOf { get; } = new();
    public ConcurrentDictionary<Guid, (Guid Id, DateOnly Start, DateOnly End)> LatestReviewOf { get; } = new();
    public Guid BiggestMap { get; private set; }
    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Alliance i's share of the region's activity: 1/(i+1)^1.1, so the largest holds about a quarter.</summary>
    private static double Weight(int index) => 1 / Math.Pow(index + 1, 1.1);

    public async Task FormAlliancesAsync()
    {
        var total = Enumerable.Range(0, AllianceCount).Sum(Weight);
        for (var i = 0; i < AllianceCount; i++)
        {
            var id = Guid.Parse((string)(await client.PostJson(Steward, "/api/alliances",
                new { name = $"Alliance {i:00}", agreementType = "alliance-contract", sharedPurpose = "Live well in our place" }))["id"]!);
            var partners = new Guid[4];
            for (var p = 0; p < partners.Length; p++)
                partners[p] = Guid.Parse((string)(await client.PostJson(Steward, $"/api/alliances/{id}/partners", new { name = $"Partner {i}.{p}", kind = "vcse" }))["id"]!);
            if (i < CommissionedAlliances)
                await client.PostJson(Steward, $"/api/alliances/{id}/members", new { subject = Commissioner, displayName = "Commissioner", role = "commissioner" });
            Alliances.Add(new Alliance(i, id, partners, Weight(i) / total));
        }
    }

    public Alliance Largest => Alliances[0];
    public Alliance Smallest => Alliances[^1];

    /// <summary>Imports the alliances' observations (their share of the total) as CSV files, a few alliances at a time.</summary>
    public async Task ImportObservationsAsync(IEnumerable<Alliance> alliances)
    {
        await Parallel.ForEachAsync(alliances, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (alliance, _) =>
        {
            var random = new Random(alliance.Index);
            var rows = Enumerable.Range(0, Math.Max(200, (int)(Observations * alliance.Weight))).Select(_ => new ObservationRow(
                Guid.CreateVersion7(), alliance.Id, DateTimeOffset.UtcNow.AddMinutes(-5) - TimeSpan.FromDays(3 * 365 * random.NextDouble()),
                alliance.Partners[random.Next(alliance.Partners.Length)],
                [.. new[] { Themes[random.Next(Themes.Length)], Themes[random.Next(Themes.Length)] }.Distinct()],
                [.. new[] { Capitals[random.Next(Capitals.Length)], Capitals[random.Next(Capitals.Length)] }.Distinct()],
                random.Next(5) == 0 ? "degenerative" : "generative")).ToList();
            lock (ObservationRows) ObservationRows.AddRange(rows);
            foreach (var chunk in rows.Chunk(ImportRowsPerFile))
            {
                var csv = new StringBuilder("id,observedAt,text,themes,capitals,valence,partnerId,consentScope,identifiable\n");
                foreach (var r in chunk)
                    csv.Append(CultureInfo.InvariantCulture,
                        $"{r.Id},{r.ObservedAt:yyyy-MM-ddTHH:mm:ssZ},Neighbours met at the pantry and swapped numbers,{string.Join(';', r.Themes)},{string.Join(';', r.Capitals)},{r.Valence},{r.Partner},commissioners,false\n");
                await PostCsvAsync($"/api/alliances/{alliance.Id}/observations/import", csv.ToString());
            }
        });
    }

    public async Task TellStoriesAsync()
    {
        var stories = Alliances.SelectMany(a => Enumerable.Range(0, Math.Max(1, (int)(Stories * a.Weight))).Select(n => (a, n)));
        await Parallel.ForEachAsync(stories, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (story, _) =>
            await client.PostJson(Steward, $"/api/alliances/{story.a.Id}/stories", new
            {
                title = $"Story {story.n}",
                narrative = "I came for the food and stayed for the people; now I run the Tuesday table.",
                tellerRole = "resident",
                toldOn = Today.AddDays(-(story.n % 1000)).ToString("yyyy-MM-dd"),
                domainOfChange = "changes in relationships",
                partnerId = story.a.Partners[story.n % story.a.Partners.Length],
                consent = new { scope = "commissioners", identifiable = false }
            }));
    }

    /// <summary>200 maps: the largest alliance's first map holds 10,000 ripples, the rest share the remainder.</summary>
    public async Task MapRipplesAsync()
    {
        var maps = new List<(Guid Alliance, Guid Map, int Ripples)>();
        for (var m = 0; m < Maps; m++)
        {
            var alliance = m == 0 ? Largest : Alliances[m % AllianceCount];
            var map = Guid.Parse((string)(await client.PostJson(Steward, $"/api/alliances/{alliance.Id}/maps", new { focus = $"Focus {m}" }))["id"]!);
            maps.Add((alliance.Id, map, m == 0 ? BiggestMapRipples : (Ripples - BiggestMapRipples) / (Maps - 1)));
        }
        BiggestMap = maps[0].Map;
        // The biggest map is written by one participant after another (a map's writes queue on its lock); the others in parallel.
        await Parallel.ForEachAsync(maps, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (map, _) =>
        {
            var random = new Random(map.Map.GetHashCode());
            var earlier = new List<Guid> { map.Map };
            for (var r = 0; r < map.Ripples; r++)
            {
                var cause = r % 10 == 0 ? map.Map : earlier[random.Next(earlier.Count)];
                var label = $"Ripple {r}";
                var id = Guid.Parse((string)(await client.PostJson(Steward, $"/api/alliances/{map.Alliance}/maps/{map.Map}/ripples", new
                { label, capitals = new[] { Capitals[r % Capitals.Length] }, valence = "generative", intended = r % 3 == 0, causedBy = new[] { cause } }))["id"]!);
                earlier.Add(id);
                RippleRows.Add(new RippleRow(id, map.Map, label, cause));
            }
        });
    }

    public async Task RecordIndicatorsAsync()
    {
        var indicators = Enumerable.Range(0, Indicators).Select(i => (Alliance: Alliances[i % AllianceCount], Index: i));
        await Parallel.ForEachAsync(indicators, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (indicator, _) =>
        {
            var id = Guid.Parse((string)(await client.PostJson(Steward, $"/api/alliances/{indicator.Alliance.Id}/indicators", new
            { name = $"Indicator {indicator.Index:0000}", question = "How many people?", unit = "count", method = "Survey", proposedBy = "Residents" }))["id"]!);
            IndicatorsOf.GetOrAdd(indicator.Alliance.Id, _ => []).Add(id);
            var random = new Random(indicator.Index);
            var csv = new StringBuilder("observedOn,value,sampleSize\n");
            for (var w = 0; w < ReadingsPerIndicator; w++)
            {
                var on = Today.AddDays(-7 * (ReadingsPerIndicator - 1 - w));
                var value = Math.Round(40 + 0.05 * w + random.NextDouble() * 5, 3);
                csv.Append(CultureInfo.InvariantCulture, $"{on:yyyy-MM-dd},{value},30\n");
                ReadingRows.Add(new ReadingRow(id, on, value));
            }
            await PostCsvAsync($"/api/alliances/{indicator.Alliance.Id}/indicators/{id}/readings/import", csv.ToString());
        });
    }

    /// <summary>Quarterly reviews going back from today, each with two reflections and an adaptation.</summary>
    public async Task HoldReviewsAsync()
    {
        var reviews = Enumerable.Range(0, Reviews).Select(i => (Alliance: Alliances[i % AllianceCount], Quarter: i / AllianceCount));
        await Parallel.ForEachAsync(reviews, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (review, _) =>
        {
            var end = Today.AddDays(-91 * review.Quarter);
            var start = end.AddDays(-90);
            var url = $"/api/alliances/{review.Alliance.Id}/learning-reviews";
            var id = Guid.Parse((string)(await client.PostJson(Steward, url, new
            { title = $"Quarter ending {end:yyyy-MM-dd}", periodStart = start.ToString("yyyy-MM-dd"), periodEnd = end.ToString("yyyy-MM-dd") }))["id"]!);
            await client.PostJson(Steward, $"{url}/{id}/reflections", new { kind = "noticed", text = "More people come back a second time." });
            await client.PostJson(Steward, $"{url}/{id}/reflections", new { kind = "surprised", text = "The bus timetable mattered most." });
            await client.PostJson(Steward, $"{url}/{id}/adaptations", new { text = "Move the Tuesday table to the library." });
            if (review.Quarter == 0) LatestReviewOf[review.Alliance.Id] = (id, start, end);
        });
    }

    private async Task PostCsvAsync(string url, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token(Steward));
        using var response = await client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || JsonNode.Parse(body)!["rejectedTotal"]!.GetValue<long>() > 0)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
    }
}
