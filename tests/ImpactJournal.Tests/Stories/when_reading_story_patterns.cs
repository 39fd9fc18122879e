using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CsCheck;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Stories;

/// <summary>
/// <c>GET …/stories/patterns</c>: every count and mean recomputed from the stories sent, the filters, a comparison,
/// framework versions, and what commissioners may see.
/// </summary>
public sealed class when_reading_story_patterns(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "patterns-steward@example.org";

    private sealed record Sent(Guid Id, string Role, string Scope, DateOnly ToldOn, string Domain, string[] Themes,
        Dictionary<string, double[]> Triads, Dictionary<string, double> Dyads, Dictionary<string, string> Choices);

    private static object Body(Sent s) => new
    {
        id = s.Id,
        title = "A story",
        narrative = $"What happened, told by {s.Role}.",
        tellerRole = s.Role,
        toldOn = s.ToldOn.ToString("yyyy-MM-dd"),
        domainOfChange = s.Domain,
        themes = s.Themes,
        consent = new { scope = s.Scope, identifiable = false },
        signifiers = new { triads = s.Triads, dyads = s.Dyads, choices = s.Choices }
    };

    private async Task<(Guid AllianceId, string Prefix)> Alliance(string prefix, object framework)
    {
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole(prefix);
        await As(Steward).Put($"/api/alliances/{allianceId}/signification-framework", framework);
        return (allianceId, prefix);
    }

    private async Task Tell(Guid allianceId, string prefix, IEnumerable<Sent> stories)
    {
        foreach (var story in stories) await As($"{prefix}-partner@example.org").Post($"/api/alliances/{allianceId}/stories", Body(story));
        // The teller's own read waits for their stories to reach the patterns; everyone else reads them from then on.
        await As($"{prefix}-partner@example.org").Get($"/api/alliances/{allianceId}/stories/patterns");
    }

    private Task<JsonNode?> Patterns(Guid allianceId, string query = "", string who = Steward, int expect = 200) =>
        As(who).Get($"/api/alliances/{allianceId}/stories/patterns{(query.Length == 0 ? "" : "?" + query)}", expect);

    private static readonly string[] Roles = ["young person", "staff", "volunteer"];

    /// <summary>A framework (how many triads and dyads, each choice's number of options) and the stories told with it.</summary>
    private sealed record Case(int Triads, int Dyads, int[] Options, Sent[] Stories, int RoleAsked, bool Rekeyed)
    {
        public override string ToString() =>
            $"{Triads} triads, {Dyads} dyads, choices of {string.Join("/", Options)}; {Stories.Length} stories; role {Roles[RoleAsked]}; rekeyed {Rekeyed}: " +
            string.Join("; ", Stories.Select(s => $"{s.Role} {s.Scope} {s.ToldOn:yyyy-MM-dd} " +
                string.Join(" ", s.Triads.Select(t => $"{t.Key}={string.Join("/", t.Value)}")) + " " +
                string.Join(" ", s.Dyads.Select(d => $"{d.Key}={d.Value}")) + " " + string.Join(" ", s.Choices.Select(c => $"{c.Key}={c.Value}"))));
    }

    // Whole percentages, as the story form sends them, so they sum to 1 exactly.
    private static readonly Gen<double[]> Weights =
        Gen.Int[0, 100].SelectMany(a => Gen.Int[0, 100 - a].Select(b => new[] { a / 100.0, b / 100.0, (100 - a - b) / 100.0 }));

    /// <summary>A story of the framework: each question answered or left (about one in four left).</summary>
    private static Gen<Sent> StoryOf(int triads, int dyads, int[] options) => Gen.Select(
        Gen.Int[0, Roles.Length - 1], Gen.Int[0, 2], Gen.Int[0, 299],
        Gen.Select(Gen.Int[0, 3], Weights, (left, w) => left == 0 ? null : w).Array[triads],
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 100], (left, v) => left == 0 ? (double?)null : v / 100.0).Array[dyads],
        Gen.Int[-1, 3].Array[options.Length],
        (role, scope, day, t, d, c) => new Sent(Guid.NewGuid(), Roles[role], scope == 0 ? "alliance" : "commissioners",
            new DateOnly(2025, 1, 1).AddDays(day), "relationships", [],
            t.Select((w, i) => (w, i)).Where(x => x.w is not null).ToDictionary(x => $"t{x.i}", x => x.w!),
            d.Select((v, i) => (v, i)).Where(x => x.v is not null).ToDictionary(x => $"d{x.i}", x => x.v!.Value),
            c.Select((o, i) => (o, i)).Where(x => x.o >= 0).ToDictionary(x => $"c{x.i}", x => $"option {x.o % options[x.i]}")));

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.Int[1, 3], Gen.Int[0, 2], Gen.Int[2, 4].Array[1, 2], Gen.Int[0, Roles.Length - 1], Gen.Bool)
            .SelectMany(f => StoryOf(f.Item1, f.Item2, f.Item3).Array[0, 24]
                .Select(stories => new Case(f.Item1, f.Item2, f.Item3, stories, f.Item4, f.Item5)));

    private static object FrameworkOf(Case c, bool rekeyed = false) => new
    {
        // Re-keying the first triad makes a later framework version: no story told before answers the new key.
        triads = Enumerable.Range(0, c.Triads).Select(i => new
        {
            key = rekeyed && i == 0 ? "t0-new" : $"t{i}", prompt = $"Triad {i}?", labels = new[] { $"t{i} one", $"t{i} two", $"t{i} three" }
        }).ToArray(),
        dyads = Enumerable.Range(0, c.Dyads).Select(i => new { key = $"d{i}", prompt = $"Dyad {i}?", left = "left", right = "right" }).ToArray(),
        choices = c.Options.Select((n, i) => new { key = $"c{i}", prompt = $"Choice {i}?", options = Enumerable.Range(0, n).Select(o => $"option {o}").ToArray() }).ToArray()
    };

    private int cases;

    /// <summary>
    /// Generated frameworks and stories (shrunk to the smallest failing case): every count, point, mean, region and
    /// histogram is the one recomputed from the stories sent; a triad's regions add up to the stories that answered it;
    /// a commissioner's group of fewer than 5 shows no dot; a comparison speaks only of questions the framework in force
    /// has, and a question re-keyed in a later version counts no story told before.
    /// </summary>
    [Fact]
    public async Task every_count_and_mean_is_the_one_recomputed_from_the_stories_sent() =>
        await Cases.SampleAsync(async c =>
        {
            var (allianceId, prefix) = await Alliance($"prop{Interlocked.Increment(ref cases)}", FrameworkOf(c));
            await Tell(allianceId, prefix, c.Stories);
            if (c.Rekeyed) await As(Steward).Put($"/api/alliances/{allianceId}/signification-framework", FrameworkOf(c, rekeyed: true));

            var role = Roles[c.RoleAsked];
            var compare = $"role={Uri.EscapeDataString(role)}&compare={Uri.EscapeDataString("to=2025-06-30")}";
            var answer = (await Patterns(allianceId, compare))!;
            AssertRecomputed(answer["pattern"]!, [.. c.Stories.Where(s => s.Role == role)]);
            AssertRecomputed(answer["comparison"]!, [.. c.Stories.Where(s => s.ToldOn <= new DateOnly(2025, 6, 30))]);
            AssertRecomputed((await Patterns(allianceId))!["pattern"]!, c.Stories);
            var keys = QuestionKeys(answer["pattern"]!);
            Assert.Equal(keys, QuestionKeys(answer["comparison"]!));
            Assert.All(answer["differences"]!.AsArray(), d => Assert.Contains(d!["key"]!.GetValue<string>(), keys));
            if (c.Rekeyed) Assert.DoesNotContain("t0", keys);

            var commissioner = (await Patterns(allianceId, compare, who: $"{prefix}-commissioner@example.org"))!;
            foreach (var (pattern, group) in new[] { (commissioner["pattern"]!, c.Stories.Where(s => s.Role == role)),
                         (commissioner["comparison"]!, c.Stories.Where(s => s.ToldOn <= new DateOnly(2025, 6, 30))) })
            {
                var readable = group.Where(s => s.Scope == "commissioners").ToList();
                foreach (var triad in pattern["triads"]!.AsArray())
                {
                    if (triad!["points"] is not JsonArray points) continue;
                    var key = triad["key"]!.GetValue<string>();
                    Assert.True(readable.Count >= 5, $"{readable.Count} readable stories drawn as dots");
                    Assert.Equal(readable.Where(s => s.Triads.ContainsKey(key)).Select(s => s.Id).Order(),
                        points.Select(p => Guid.Parse(p!["storyId"]!.GetValue<string>())).Order());
                }
            }
        }, iter: 5, threads: 1);

    private static string[] QuestionKeys(JsonNode pattern) =>
        [.. new[] { "triads", "dyads", "choices" }.SelectMany(kind => pattern[kind]!.AsArray().Select(q => q!["key"]!.GetValue<string>()))];

    /// <summary>Recomputes from the stories sent what the pattern says: counts, points, means, regions, histograms and choice counts.</summary>
    private static void AssertRecomputed(JsonNode pattern, IReadOnlyList<Sent> group)
    {
        Assert.Equal(group.Count, pattern["stories"]!.GetValue<int>());
        foreach (var triad in pattern["triads"]!.AsArray())
        {
            var key = triad!["key"]!.GetValue<string>();
            var answered = group.Where(s => s.Triads.ContainsKey(key)).ToList();
            Assert.Equal(answered.Count, triad["answered"]!.GetValue<int>());
            var points = triad["points"]!.AsArray().ToDictionary(p => Guid.Parse(p!["storyId"]!.GetValue<string>()));
            Assert.Equal(answered.Select(s => s.Id).Order(), points.Keys.Order());
            foreach (var s in answered)
                for (var i = 0; i < 3; i++) Assert.Equal(s.Triads[key][i], points[s.Id]!["abc"[i].ToString()]!.GetValue<double>(), 9);
            if (answered.Count > 0)
                for (var i = 0; i < 3; i++)
                    Assert.Equal(answered.Average(s => s.Triads[key][i]), triad["mean"]!["abc"[i].ToString()]!.GetValue<double>(), 9);
            var regions = triad["regions"]!.AsArray().Select(r => r!).ToDictionary(r => r["region"]!.GetValue<string>(), r => r["count"]!.GetValue<int>());
            string Region(double[] w) => w[0] >= 0.6 ? "a" : w[1] >= 0.6 ? "b" : w[2] >= 0.6 ? "c" : "middle";
            foreach (var region in new[] { "a", "b", "c", "middle" })
                Assert.Equal(answered.Count(s => Region(s.Triads[key]) == region), regions[region]);
            Assert.Equal(answered.Count, regions.Values.Sum());
        }
        foreach (var dyad in pattern["dyads"]!.AsArray())
        {
            var key = dyad!["key"]!.GetValue<string>();
            var answered = group.Where(s => s.Dyads.ContainsKey(key)).Select(s => s.Dyads[key]).ToList();
            Assert.Equal(answered.Count, dyad["answered"]!.GetValue<int>());
            Assert.Equal(answered.Order(), dyad["values"]!.AsArray().Select(v => v!["value"]!.GetValue<double>()).Order());
            if (answered.Count > 0) Assert.Equal(answered.Average(), dyad["mean"]!.GetValue<double>(), 9);
            var bins = dyad["histogram"]!.AsArray().Select(b => b!["count"]!.GetValue<int>()).ToArray();
            Assert.Equal(Enumerable.Range(0, 5).Select(i => answered.Count(v => Math.Min((int)(v * 5), 4) == i)), bins);
        }
        foreach (var choice in pattern["choices"]!.AsArray())
        {
            var key = choice!["key"]!.GetValue<string>();
            foreach (var count in choice["counts"]!.AsArray().Select(c => c!))
                Assert.Equal(group.Count(s => s.Choices.GetValueOrDefault(key) == count["option"]!.GetValue<string>()), count["count"]!.GetValue<int>());
            Assert.Equal(group.Count(s => s.Choices.ContainsKey(key)), choice["answered"]!.GetValue<int>());
        }
    }

    private static readonly object Framework = new
    {
        triads = new[] { new { key = "what-helped", prompt = "What made the difference?", labels = new[] { "A person", "A service", "Me" } } },
        dyads = new[] { new { key = "control", prompt = "How much say?", left = "None", right = "All" } },
        choices = new[] { new { key = "feeling", prompt = "How do you feel?", options = new[] { "hopeful", "worried" } } }
    };

    private static Sent Story(string role = "staff", string scope = "commissioners", string told = "2025-05-01", string domain = "relationships",
        string[]? themes = null, double[]? triad = null, string feeling = "hopeful") => new(Guid.NewGuid(), role, scope, DateOnly.Parse(told),
        domain, themes ?? [], new() { ["what-helped"] = triad ?? [0.7, 0.2, 0.1] }, new() { ["control"] = 0.5 }, new() { ["feeling"] = feeling });

    private static IReadOnlyList<Guid> Dots(JsonNode pattern) =>
        [.. pattern["triads"]![0]!["points"]!.AsArray().Select(p => Guid.Parse(p!["storyId"]!.GetValue<string>())).Order()];

    [Fact]
    public async Task each_filter_keeps_only_the_stories_it_names()
    {
        var (allianceId, prefix) = await Alliance("pfilter", Framework);
        var young = Story(role: "Young person", told: "2024-06-01", themes: ["housing"]);
        var worried = Story(feeling: "worried", domain: "health");
        var selected = Story();
        var plain = Story(told: "2025-09-01", themes: ["food"]);
        await Tell(allianceId, prefix, [young, worried, selected, plain]);
        await As(Steward).Post($"/api/alliances/{allianceId}/stories/{selected.Id}/selections", new { panel = "Board", reason = "Trust." });

        async Task<IReadOnlyList<Guid>> Filtered(string query) => Dots((await Patterns(allianceId, query))!["pattern"]!);
        Assert.Equal([young.Id], await Filtered("role=young%20person"));
        Assert.Equal([worried.Id], await Filtered("choice.feeling=worried"));
        Assert.Equal(new[] { worried.Id, selected.Id }.Order(), await Filtered("from=2025-01-01&to=2025-06-30"));
        Assert.Equal([worried.Id], await Filtered("domain=Health"));
        Assert.Equal([plain.Id], await Filtered("theme=Food"));
        Assert.Equal([selected.Id], await Filtered("selected=true"));
        Assert.Equal([young.Id], await Filtered("role=young%20person&theme=housing"));
        Assert.Empty(await Filtered("role=young%20person&choice.feeling=worried"));
    }

    [Fact]
    public async Task a_comparison_draws_the_second_group_and_says_where_the_two_differ()
    {
        var (allianceId, prefix) = await Alliance("pcompare", Framework);
        var lastYear = Enumerable.Range(0, 5).Select(_ => Story(told: "2024-05-01", triad: [0.1, 0.8, 0.1])).ToList();
        var thisYear = Enumerable.Range(0, 5).Select(_ => Story(told: "2025-05-01", triad: [0.8, 0.1, 0.1])).ToList();
        await Tell(allianceId, prefix, [.. lastYear, .. thisYear]);

        var answer = (await Patterns(allianceId, "to=2024-12-31&compare=" + Uri.EscapeDataString("from=2025-01-01")))!;
        Assert.Equal(lastYear.Select(s => s.Id).Order(), Dots(answer["pattern"]!));
        Assert.Equal(thisYear.Select(s => s.Id).Order(), Dots(answer["comparison"]!));
        var said = answer["differences"]!.AsArray().Where(d => d!["key"]!.GetValue<string>() == "what-helped")
            .SelectMany(d => d!["sentences"]!.AsArray().Select(s => s!.GetValue<string>())).ToList();
        Assert.Contains("The second group leans more towards \u201cA person\u201d: on average 80% against 10% (70 points more).", said);
        Assert.Contains("Near \u201cA person\u201d (60% or more): 0% of the first group's stories, 100% of the second's.", said);
        Assert.Contains("Near \u201cA service\u201d (60% or more): 100% of the first group's stories, 0% of the second's.", said);
    }

    [Fact]
    public async Task stories_of_an_earlier_framework_count_only_on_questions_with_the_same_key()
    {
        var (allianceId, prefix) = await Alliance("pversion", Framework);
        var before = Story();
        await Tell(allianceId, prefix, [before]);
        await As(Steward).Put($"/api/alliances/{allianceId}/signification-framework", new
        {
            triads = new[] { new { key = "what-helped", prompt = "What helped most?", labels = new[] { "A person", "A service", "Me" } } },
            choices = new[] { new { key = "mood", prompt = "Your mood?", options = new[] { "good", "bad" } } }
        });
        var after = Story() with { Dyads = [], Choices = new() { ["mood"] = "good" } };
        await Tell(allianceId, prefix, [after]);

        var pattern = (await Patterns(allianceId))!["pattern"]!;
        Assert.Equal(new[] { before.Id, after.Id }.Order(), Dots(pattern));
        Assert.Empty(pattern["dyads"]!.AsArray());
        var mood = pattern["choices"]!.AsArray().Single()!;
        Assert.Equal("mood", mood["key"]!.GetValue<string>());
        Assert.Equal(1, mood["answered"]!.GetValue<int>());
    }

    [Fact]
    public async Task another_alliance_and_bad_filters_are_refused()
    {
        var (allianceId, _) = await Alliance("pbad", Framework);
        var other = await As("patterns-other@example.org").FormAlliance("Someone else's alliance");
        await As(Steward).Get($"/api/alliances/{other}/stories/patterns", expect: 404);

        async Task<string[]> Refused(string query) =>
            (await Patterns(allianceId, query, expect: 400))!["errors"]!.AsObject().Select(e => e.Key).ToArray();
        Assert.Equal(["from"], await Refused("from=yesterday"));
        Assert.Equal(["to"], await Refused("from=2025-02-01&to=2025-01-01"));
        Assert.Equal(["choice.colour"], await Refused("choice.colour=red"));
        Assert.Equal(["choice.feeling"], await Refused("choice.feeling=furious"));
        Assert.Equal(["selected"], await Refused("selected=perhaps"));
        Assert.Equal(["colour"], await Refused("colour=red"));
        Assert.Equal(["compare.from"], await Refused("compare=" + Uri.EscapeDataString("from=1800-01-01")));
    }

    [Fact]
    public async Task commissioners_see_only_what_they_may_read_and_fewer_than_5_where_a_group_is_small()
    {
        var (allianceId, prefix) = await Alliance("pcomm", Framework);
        var staff = Enumerable.Range(0, 6).Select(_ => Story(role: "staff")).ToList();
        var young = Enumerable.Range(0, 3).Select(_ => Story(role: "young person", feeling: "worried")).ToList();
        var hidden = Enumerable.Range(0, 4).Select(_ => Story(role: "young person", scope: "alliance")).ToList();
        var withdrawn = Story(role: "staff");
        await Tell(allianceId, prefix, [.. staff, .. young, .. hidden, withdrawn]);
        await As($"{prefix}-partner@example.org").Post($"/api/alliances/{allianceId}/stories/{withdrawn.Id}/consent-withdrawal", new { }, expect: 200);
        await As($"{prefix}-partner@example.org").Get($"/api/alliances/{allianceId}/stories/patterns");
        var commissioner = $"{prefix}-commissioner@example.org";

        // Everyone in the alliance sees the alliance's stories; nobody sees the withdrawn one.
        Assert.Equal(staff.Concat(young).Concat(hidden).Select(s => s.Id).Order(), Dots((await Patterns(allianceId))!["pattern"]!));

        var whole = (await Patterns(allianceId, who: commissioner))!["pattern"]!;
        Assert.Equal(staff.Concat(young).Select(s => s.Id).Order(), Dots(whole));
        Assert.Equal(9, whole["stories"]!.GetValue<int>());
        var feeling = whole["choices"]![0]!["counts"]!.AsArray().Select(c => c!).ToDictionary(c => c["option"]!.GetValue<string>(), c => c["count"]!.ToString());
        Assert.Equal("<5", feeling["worried"]);
        Assert.Equal("withheld", feeling["hopeful"]);

        // Three young people's stories: fewer than 5, nothing drawn.
        var small = (await Patterns(allianceId, "role=young%20person", who: commissioner))!["pattern"]!;
        Assert.Equal("<5", small["stories"]!.GetValue<string>());
        Assert.True(small["withheld"]!.GetValue<bool>());
        Assert.Null(small["triads"]![0]!["points"]);
        Assert.Null(small["triads"]![0]!["mean"]);
        Assert.Null(small["triads"]![0]!["regions"]);
        Assert.Null(small["dyads"]![0]!["values"]);
        Assert.Null(small["choices"]![0]!["counts"]);

        // Six staff stories, but the whole has 3 more: shown, the 9 would give back the young people's 3.
        var staffOnly = (await Patterns(allianceId, "role=staff", who: commissioner))!["pattern"]!;
        Assert.Equal("<5", staffOnly["stories"]!.GetValue<string>());
        Assert.Null(staffOnly["triads"]![0]!["points"]);

        var compared = (await Patterns(allianceId, "compare=" + Uri.EscapeDataString("role=young person"), who: commissioner))!;
        Assert.Equal("<5", compared["comparison"]!["stories"]!.GetValue<string>());
        Assert.Contains("fewer than 5", compared["differences"]![0]!["sentences"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task a_commissioners_comparison_is_read_in_one_round_trip_with_every_wider_groups_count()
    {
        var (allianceId, prefix) = await Alliance("ptrip", Framework);
        await Tell(allianceId, prefix, [.. Enumerable.Range(0, 6).Select(_ => Story(role: "staff")), .. Enumerable.Range(0, 7).Select(_ => Story(role: "young person"))]);
        var statements = new ConcurrentBag<string>();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var (_, value) in activity.TagObjects)
                    if (value?.ToString() is { } text && text.Contains("story_signifiers")) statements.Add(text);
            }
        })
        {
            ActivitySource.AddActivityListener(listener);
            var compared = (await Patterns(allianceId, "role=staff&compare=" + Uri.EscapeDataString("role=young person"), who: $"{prefix}-commissioner@example.org"))!;
            Assert.Equal(6, compared["pattern"]!["stories"]!.GetValue<int>());
            Assert.Equal(7, compared["comparison"]!["stories"]!.GetValue<int>());
        }

        // Both groups' stories and the counts of the whole alliance's stories (the wider group of each) in one batch.
        Assert.Single(statements);
    }

    [Fact]
    public async Task a_groups_stories_are_found_through_the_indexes_of_its_role_and_answer()
    {
        var (allianceId, prefix) = await Alliance("pindex", Framework);
        await Tell(allianceId, prefix, [Story(role: "  Staff "), Story(role: "young person", feeling: "worried")]);
        var statements = new ConcurrentBag<string>();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var (_, value) in activity.TagObjects)
                    if (value?.ToString() is { } text && text.Contains("story_signifiers")) statements.Add(text);
            }
        })
        {
            ActivitySource.AddActivityListener(listener);
            var pattern = (await Patterns(allianceId, "role=STAFF&choice.feeling=hopeful"))!["pattern"]!;
            Assert.Equal(1, pattern["stories"]!.GetValue<int>());
        }

        // The group's statement, planned as PostgreSQL would plan it on many rows (where a pass over them all costs more).
        var group = statements.SelectMany(s => s.Split(';')).Select(s => s.Trim()).Distinct().Single(s => s.StartsWith("select id,", StringComparison.Ordinal));
        await using var connection = new Npgsql.NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        var table = group.Split(" from ")[1].Split(' ')[0];
        await using (var off = new Npgsql.NpgsqlCommand($"analyze {table}; set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        await using (var prepare = new Npgsql.NpgsqlCommand($"prepare grouped as {group}", connection)) await prepare.ExecuteNonQueryAsync();
        await using var explain = new Npgsql.NpgsqlCommand(
            $"explain execute grouped('{allianceId}', '{{alliance,commissioners,public}}', '2025-01-01', 'STAFF', '{{feeling=hopeful}}')", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains("_by_role") || line.Contains("_by_answer"));
    }
}
