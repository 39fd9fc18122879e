using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;
using static ImpactJournal.Tests.Network.NetworkFormats;

namespace ImpactJournal.Tests.Network;

/// <summary>
/// Random journals (observations of every consent scope, identifiable or not, some retracted; sessions and ripples
/// naming several partners) go into an alliance, and the same journal without what a commissioner may not read (no
/// alliance-scope observation, nothing retracted) into a twin alliance. On any day, in every format (JSON, diff,
/// GraphML, Kumu, the picture, the dashboard card, the review summary), the commissioner's network of the first must
/// be the steward's network of the twin, but that a count of joint observations under 5 including an identifiable one
/// reads "&lt;5" and its weight "withheld": so nothing hidden shapes it, and no number it shows gives a "&lt;5" back.
/// </summary>
public sealed class when_commissioners_read_networks_of_random_journals(AppFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
    : IntegrationContext(fixture)
{
    private const string Steward = "twin-steward@example.org";
    private static readonly string[] Scopes = ["alliance", "commissioners", "public"];
    private static readonly string?[] Days = ["2025-02-15", "2025-05-31", "2025-09-30", null];

    private sealed record Joint(Guid Id, int Own, int[] Others, DateOnly Day, string Scope, bool Identifiable, bool Retracted)
    {
        public bool Readable => Scope != "alliance" && !Retracted;
    }

    private sealed record Twin(Guid Id, IReadOnlyList<Guid> Partners)
    {
        public string Name(Guid partner) => NameOf(Partners.ToList().IndexOf(partner));
    }

    // Both alliances' first partner is the one FormAllianceWithEveryRole adds.
    private static string NameOf(int partner) => partner == 0 ? "Harbour Housing" : $"Partner {partner}";

    [Fact]
    public async Task a_commissioners_network_is_the_network_of_what_commissioners_may_read_in_every_format()
    {
        var random = new Random(2029);
        var (suppressed, hiddenTies) = (0, 0);
        for (var journal = 0; journal < 6; journal++)
        {
            var size = random.Next(3, 8);
            var commissioner = $"twin{journal}-commissioner@example.org";
            var (a, first) = await As(Steward).FormAllianceWithEveryRole($"twin{journal}");
            var whole = new Twin(a, [first, .. await Partners(a, 1, size)]);
            var b = await As(Steward).FormAlliance($"Twin {journal}");
            var readable = new Twin(b, await Partners(b, 0, size));

            var joints = Enumerable.Range(0, random.Next(0, 40)).Select(_ => new Joint(Guid.NewGuid(), random.Next(size),
                [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(size))],
                new DateOnly(2025, random.Next(1, 10), random.Next(1, 29)), Scopes[random.Next(3)], random.Next(2) == 0, random.Next(8) == 0)).ToList();
            await Import(whole, joints);
            await Import(readable, [.. joints.Where(j => j.Readable).Select(j => j with { Id = Guid.NewGuid() })]);
            var gatherings = Enumerable.Range(0, random.Next(0, 4)).Select(_ => (Day: new DateOnly(2025, random.Next(1, 10), random.Next(1, 29)),
                Partners: Enumerable.Range(0, random.Next(2, 4)).Select(_ => random.Next(size)).ToArray(), Ripple: random.Next(3) == 0)).ToList();
            foreach (var twin in new[] { whole, readable })
                await Gather(twin, gatherings);
            await CatchUpProjections();
            foreach (var retracted in joints.Where(j => j.Retracted))
                await As(Steward).Post($"/api/alliances/{a}/observations/{retracted.Id}/retraction", new { reason = "Not joint after all" }, expect: 200);
            await CatchUpProjections();

            foreach (var day in Days)
            {
                var hidden = HiddenPairs(joints, day);
                var seen = await ReadAsync(As(commissioner), a, day);
                var expected = await ReadAsync(As(Steward), b, day);
                Assert.Equal(Json(expected.Json, readable, hidden), Json(seen.Json, whole, []));
                Assert.Equal(GraphMl(expected, readable, hidden), GraphMl(seen, whole, []));
                Assert.Equal(Kumu(expected.Kumu, hidden), Kumu(seen.Kumu, []));
                Assert.Equal(Picture(expected, hidden), Picture(seen, []));
                NothingGivesBackAHiddenCount(seen.Json);
                suppressed += seen.Json["edges"]!.AsArray().Count(e => Text(e!["jointObservations"]) == "<5");
            }
            hiddenTies += (await As(Steward).Get(NetworkOf(a)))!["edges"]!.AsArray().Count - (await As(commissioner).Get(NetworkOf(a)))!["edges"]!.AsArray().Count;

            const string diff = "diff?from=2025-03-31&to=2025-09-30&quietAfterDays=30";
            var hiddenThen = HiddenPairs(joints, "2025-09-30");
            var seenDiff = (await As(commissioner).Get($"{NetworkOf(a)}/{diff}"))!;
            var expectedDiff = (await As(Steward).Get($"{NetworkOf(b)}/{diff}"))!;
            foreach (var part in new[] { "newTies", "quietTies" })
                Assert.Equal(Edges(expectedDiff[part]!, readable, hiddenThen), Edges(seenDiff[part]!, whole, []));
            Assert.Equal(expectedDiff["unconnected"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).Order(),
                seenDiff["unconnected"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).Order());

            Assert.Equal(Card((await As(Steward).Get("/api/dashboard"))!, b), Card((await As(commissioner).Get("/api/dashboard"))!, a));
            var (seenReview, expectedReview) = (await Review(a), await Review(b));
            Assert.Equal(Relationships((await As(Steward).Get(expectedReview))!), Relationships((await As(commissioner).Get(seenReview))!));
            var seenMarkdown = (await As(commissioner).SendRaw(HttpMethod.Get, $"{seenReview}?format=markdown", null)).Body;
            var expectedMarkdown = (await As(Steward).SendRaw(HttpMethod.Get, $"{expectedReview}?format=markdown", null)).Body;
            Assert.Equal(NetworkLines(expectedMarkdown), NetworkLines(seenMarkdown));
        }
        // The journals did put the rules to work: ties only alliance-scope observations made, and counts read "<5".
        output.WriteLine($"{hiddenTies} ties hidden from commissioners today; {suppressed} counts read \"<5\" over the four days");
        Assert.True(hiddenTies > 0 && suppressed > 0, $"{hiddenTies} hidden ties, {suppressed} suppressed counts");
    }

    private async Task<List<Guid>> Partners(Guid allianceId, int from, int to)
    {
        var partners = new List<Guid>();
        for (var p = from; p < to; p++) partners.Add(await As(Steward).AddPartner(allianceId, NameOf(p)));
        return partners;
    }

    private async Task Import(Twin twin, IReadOnlyList<Joint> joints)
    {
        var csv = new StringBuilder("id,observedAt,text,valence,partnerId,consentScope,identifiable,withPartners\n");
        foreach (var j in joints)
            csv.Append(CultureInfo.InvariantCulture, $"{j.Id},{j.Day:yyyy-MM-dd}T10:00:00Z,Together,generative,{twin.Partners[j.Own]},{j.Scope},{(j.Identifiable ? "true" : "false")},{string.Join(';', j.Others.Select(o => twin.Partners[o]))}\n");
        var (status, _, body, _) = await As(Steward).SendBytes(HttpMethod.Post, $"/api/alliances/{twin.Id}/observations/import", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv");
        Assert.True(status == 200 && JsonNode.Parse(body)!["imported"]!.GetValue<int>() == joints.Count, body);
    }

    private async Task Gather(Twin twin, IReadOnlyList<(DateOnly Day, int[] Partners, bool Ripple)> gatherings)
    {
        var m = await As(Steward).StartMap(twin.Id);
        foreach (var (day, partners, ripple) in gatherings)
        {
            var ids = partners.Distinct().Select(p => twin.Partners[p]).ToArray();
            if (ripple)
                await As(Steward).Post($"{MapBuilder.Map(twin.Id, m)}/ripples", new
                {
                    label = $"Together on {day}", capitals = new[] { "social" }, valence = "generative", intended = (bool?)null,
                    evidence = Array.Empty<object>(), causedBy = new[] { m }, withPartners = ids
                });
            else
                await As(Steward).Post($"{MapBuilder.Map(twin.Id, m)}/sessions",
                    new { title = $"Mapping on {day}", heldOn = $"{day:yyyy-MM-dd}", participants = new { count = 9, roles = new[] { "residents" } }, partners = ids });
        }
    }

    private async Task<string> Review(Guid allianceId)
    {
        var review = (await As(Steward).Post($"/api/alliances/{allianceId}/learning-reviews",
            new { title = "First half", periodStart = "2025-01-01", periodEnd = "2025-06-30", questions = new[] { "Who did we work with?" } })).Id();
        return $"/api/alliances/{allianceId}/learning-reviews/{review}/summary";
    }

    /// <summary>The pairs (by partner index) whose readable joint observations up to the day include an identifiable one.</summary>
    private static HashSet<string> HiddenPairs(IEnumerable<Joint> joints, string? day)
    {
        var until = day is null ? DateOnly.MaxValue : DateOnly.Parse(day, CultureInfo.InvariantCulture);
        return [.. joints.Where(j => j.Readable && j.Identifiable && j.Day <= until)
            .SelectMany(j => PairsOf([j.Own, .. j.Others]))];
    }

    private static IEnumerable<string> PairsOf(int[] partners)
    {
        var distinct = partners.Distinct().Order().ToArray();
        for (var i = 0; i < distinct.Length; i++)
            for (var j = i + 1; j < distinct.Length; j++)
                yield return Pair(NameOf(distinct[i]), NameOf(distinct[j]));
    }

    private static string Pair(string x, string y) => string.Join(" & ", new[] { x, y }.Order(StringComparer.Ordinal));

    private static string Text(JsonNode? value) =>
        value!.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    /// <summary>A count as a commissioner should see it: under 5 with an identifiable observation reads "&lt;5".</summary>
    private static bool Suppressed(string pair, int observations, HashSet<string> identifiable) =>
        identifiable.Contains(pair) && observations is > 0 and < 5;

    private static string Json(JsonNode network, Twin twin, HashSet<string> identifiable) => string.Join("\n", [
        $"density {network["density"]!.GetValue<double>():R}",
        .. network["nodes"]!.AsArray().Select(n => $"{n!["name"]} degree {n["degree"]} betweenness {n["betweenness"]!.GetValue<double>():R}").Order(),
        .. network["components"]!.AsArray().Select(c => string.Join(", ", c!.AsArray().Select(p => twin.Name(p!.GetValue<Guid>())).Order())).Order(),
        $"unconnected {string.Join(", ", network["unconnected"]!.AsArray().Select(p => twin.Name(p!.GetValue<Guid>())).Order())}",
        .. Edges(network["edges"]!, twin, identifiable)]);

    private static IEnumerable<string> Edges(JsonNode edges, Twin twin, HashSet<string> identifiable) => edges.AsArray().Select(e =>
    {
        var pair = Pair(twin.Name(e!["from"]!.GetValue<Guid>()), twin.Name(e["to"]!.GetValue<Guid>()));
        var (observations, weight) = (Text(e["jointObservations"]), Text(e["weight"]));
        if (e["jointObservations"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number && Suppressed(pair, e["jointObservations"]!.GetValue<int>(), identifiable))
            (observations, weight) = ("<5", "withheld");
        return $"{pair}: weight {weight} observations {observations} ripples {e["jointRipples"]} sessions {e["sharedSessions"]} {e["first"]} to {e["latest"]} quiet {e["quiet"]}";
    }).Order();

    private static string GraphMl(NetworkFormats formats, Twin twin, HashSet<string> identifiable)
    {
        var names = formats.GraphMl.Descendants().Where(e => e.Name.LocalName == "node")
            .ToDictionary(n => n.Attribute("id")!.Value, n => n.Elements().Single(d => d.Attribute("key")!.Value == "name").Value);
        string Data(System.Xml.Linq.XElement element) => string.Join(" ", element.Elements().Where(d => d.Name.LocalName == "data").Select(d => $"{d.Attribute("key")!.Value}={d.Value}").Order());
        return string.Join("\n", [
            Data(formats.GraphMl.Descendants().Single(e => e.Name.LocalName == "graph")),
            .. formats.GraphMl.Descendants().Where(e => e.Name.LocalName == "node").Select(Data).Order(),
            .. formats.GraphMl.Descendants().Where(e => e.Name.LocalName == "edge").Select(e =>
            {
                var pair = Pair(names[e.Attribute("source")!.Value], names[e.Attribute("target")!.Value]);
                var data = e.Elements().ToDictionary(d => d.Attribute("key")!.Value, d => d.Value);
                if (data.TryGetValue("jointObservations", out var count) && Suppressed(pair, int.Parse(count, CultureInfo.InvariantCulture), identifiable))
                {
                    data.Remove("jointObservations");
                    data.Remove("weight");
                    data["withheld"] = "weight withheld; jointObservations <5";
                }
                return $"{pair}: {string.Join(" ", data.Select(d => $"{d.Key}={d.Value}").Order())}";
            }).Order()]);
    }

    private static string Kumu(JsonNode kumu, HashSet<string> identifiable) => string.Join("\n", [
        .. kumu["elements"]!.AsArray().Select(e => $"{e!["label"]} degree {e["degree"]} betweenness {e["betweenness"]}").Order(),
        .. kumu["connections"]!.AsArray().Select(c =>
        {
            var pair = Pair(c!["from"]!.GetValue<string>(), c["to"]!.GetValue<string>());
            var (observations, weight) = (Text(c["joint observations"]), Text(c["weight"]));
            if (c["joint observations"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number && Suppressed(pair, c["joint observations"]!.GetValue<int>(), identifiable))
                (observations, weight) = ("<5", "withheld");
            return $"{pair}: weight {weight} observations {observations} ripples {c["joint ripples"]} sessions {c["shared sessions"]} {c["first"]} {c["latest"]} {c["quiet"]}";
        }).Order()]);

    private static string Picture(NetworkFormats formats, HashSet<string> identifiable) => string.Join("\n", [
        .. formats.Picture.Descendants().Where(e => e.Name.LocalName == "circle").Select(c => $"{c.Value} r {c.Attribute("r")!.Value}").Order(),
        .. formats.Lines.Select(line =>
        {
            var names = line.Names.ToArray();
            var pair = Pair(names[0], names[1]);
            var activity = line.Title.Split(": ", 2)[1];
            var count = int.TryParse(activity.Split(' ')[0], CultureInfo.InvariantCulture, out var n) ? n : -1;
            return Suppressed(pair, count, identifiable)
                ? $"{pair}: <5{activity[activity.IndexOf(' ')..]} width 1.5"
                : $"{pair}: {activity} width {line.Width}";
        }).Order()]);

    /// <summary>Where joint observations read "&lt;5" the weight is never a number; where it is one, it is the sum of the others.</summary>
    private static void NothingGivesBackAHiddenCount(JsonNode network)
    {
        foreach (var edge in network["edges"]!.AsArray())
        {
            var observations = edge!["jointObservations"]!;
            if (observations.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                Assert.Equal("<5", observations.GetValue<string>());
                Assert.Equal("withheld", edge["weight"]!.GetValue<string>());
            }
            else
                Assert.Equal(observations.GetValue<int>() + edge["jointRipples"]!.GetValue<int>() + edge["sharedSessions"]!.GetValue<int>(), edge["weight"]!.GetValue<int>());
        }
    }

    private static string Card(JsonNode dashboard, Guid allianceId)
    {
        var card = dashboard["alliances"]!.AsArray().Single(d => d!["id"]!.GetValue<Guid>() == allianceId)!["relationalHealth"]!;
        return $"density {card["density"]} ties {card["ties"]} new {card["newTiesThisQuarter"]}";
    }

    private static string Relationships(JsonNode summary)
    {
        var relationships = summary["relationships"]!;
        return string.Join("\n", [
            $"density {relationships["density"]}",
            .. relationships["newTies"]!.AsArray().Select(t => $"{Pair(t!["fromName"]!.GetValue<string>(), t["toName"]!.GetValue<string>())} {t["first"]}").Order()]);
    }

    private static IEnumerable<string> NetworkLines(string markdown) => markdown.Split('\n')
        .Where(l => l.StartsWith("- New tie", StringComparison.Ordinal) || l.StartsWith("- Collaboration network", StringComparison.Ordinal))
        .Select(l => l.StartsWith("- New tie", StringComparison.Ordinal) ? string.Join(" and ", l["- New tie: ".Length..l.IndexOf(" \\(", StringComparison.Ordinal)].Split(" and ").Order()) + l[l.IndexOf(" \\(", StringComparison.Ordinal)..] : l)
        .Order();
}
