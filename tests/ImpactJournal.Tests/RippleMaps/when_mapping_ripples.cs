using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

public sealed class when_mapping_ripples(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "rem-steward@example.org";
    private const string Partner = "rem-partner@example.org";
    private const string Facilitator = "rem-facilitator@example.org";
    private const string Commissioner = "rem-commissioner@example.org";

    private Task<(Guid AllianceId, Guid PartnerId)> Alliance() => As(Steward).FormAllianceWithEveryRole("rem");

    [Fact]
    public async Task ripples_caused_by_others_get_their_order_and_provenance()
    {
        var (a, _) = await Alliance();
        var m = await As(Facilitator).StartMap(a);
        var session = await As(Facilitator).ScheduleSession(a, m);
        var volunteers = await As(Partner).AddRipple(a, m, "Volunteers trained in food hygiene", ["human"], [m], sessionId: session);
        var friendships = await As(Partner).AddRipple(a, m, "Friendships between volunteers", ["social"], [volunteers]);
        var councillor = await As(Partner).AddRipple(a, m, "Councillor backs a second fridge", ["political", "financial"], [friendships]);
        var orphan = await As(Partner).AddRipple(a, m, "Bins overflow on market day", ["built"], valence: "degenerative", intended: false);

        var map = (await As(Commissioner).Get(MapBuilder.Map(a, m)))!;
        Assert.Equal("Community fridge at St Mark's", map["focus"]!.GetValue<string>());
        Assert.Equal(1, map.Order(volunteers));
        Assert.Equal(2, map.Order(friendships));
        Assert.Equal(3, map.Order(councillor));
        Assert.Null(map.Order(orphan));

        var node = map.Node(volunteers);
        Assert.Equal(Partner, node["addedBy"]!.GetValue<string>());
        Assert.Equal(session.ToString(), node["sessionId"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(node["addedAt"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddMinutes(-5));
        var link = map["links"]!.AsArray().Single(l => l!["to"]!.GetValue<string>() == friendships.ToString())!;
        Assert.Equal(volunteers.ToString(), link["from"]!.GetValue<string>());
        Assert.Equal("led-to", link["relation"]!.GetValue<string>());
        Assert.Equal("asserted", link["status"]!.GetValue<string>());
        Assert.Equal(Partner, link["assertedBy"]!.GetValue<string>());

        var summary = map["summary"]!;
        Assert.Equal(4, summary["nodes"]!.GetValue<int>());
        Assert.Equal(3, summary["links"]!.GetValue<int>());
        Assert.Equal(1, summary["byCapital"]!["political"]!.GetValue<int>());
        Assert.Equal(0, summary["byCapital"]!["natural"]!.GetValue<int>());
        Assert.Equal(1, summary["byOrder"]!["3"]!.GetValue<int>());
        Assert.Equal(3, summary["byValence"]!["generative"]!.GetValue<int>());
        Assert.Equal(1, summary["unintended"]!.GetValue<int>());
        // human → social → political+financial: four capitals, each step adding one.
        Assert.Equal([volunteers.ToString(), friendships.ToString(), councillor.ToString()],
            summary["spiralingUp"]!.AsArray().Single()!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task links_must_join_two_different_nodes_of_the_map_and_loops_are_reported()
    {
        var (a, _) = await Alliance();
        var m = await As(Facilitator).StartMap(a);
        var first = await As(Partner).AddRipple(a, m, "First", causedBy: [m]);
        var second = await As(Partner).AddRipple(a, m, "Second", causedBy: [first]);
        var links = $"{MapBuilder.Map(a, m)}/links";

        var self = await As(Partner).Post(links, new { from = first, to = first, relation = "led-to" }, expect: 400);
        Assert.NotNull(self!["errors"]!["to"]);
        var unknown = await As(Partner).Post(links, new { from = first, to = Guid.NewGuid(), relation = "enabled" }, expect: 400);
        Assert.NotNull(unknown!["errors"]!["to"]);
        var badRelation = await As(Partner).Post(links, new { from = first, to = second, relation = "caused" }, expect: 400);
        Assert.NotNull(badRelation!["errors"]);

        var loop = await As(Partner).Post(links, new { from = second, to = first, relation = "enabled", note = "Each feeds the other" });
        Assert.Equal([first.ToString(), second.ToString()], loop!["cycle"]!.AsArray().Select(n => n!.GetValue<string>()));
        var map = (await As(Partner).Get(MapBuilder.Map(a, m)))!;
        Assert.Equal(2, map["summary"]!["cycles"]!.AsArray().Single()!.AsArray().Count);
        Assert.Equal(1, map.Order(first));
        Assert.Equal(2, map.Order(second));
    }

    [Fact]
    public async Task a_withdrawn_link_stops_counting_but_a_disputed_one_still_counts()
    {
        var (a, _) = await Alliance();
        var m = await As(Facilitator).StartMap(a);
        var first = await As(Partner).AddRipple(a, m, "First", causedBy: [m]);
        var second = await As(Partner).AddRipple(a, m, "Second", causedBy: [first]);
        var map = (await As(Partner).Get(MapBuilder.Map(a, m)))!;
        var link = Guid.Parse(map["links"]!.AsArray().Single(l => l!["to"]!.GetValue<string>() == second.ToString())!["id"]!.GetValue<string>());
        var linkUrl = $"{MapBuilder.Map(a, m)}/links/{link}";

        await As(Partner).Post($"{linkUrl}/disputes", new { reason = "The friendships came from the choir" }, expect: 200);
        map = (await As(Partner).Get(MapBuilder.Map(a, m)))!;
        Assert.Equal("disputed", map.LinkOf(link)["status"]!.GetValue<string>());
        Assert.Equal(2, map.Order(second));

        await As(Partner).Post($"{linkUrl}/substantiations", new { note = "Three volunteers said so", evidence = Array.Empty<object>() }, expect: 200);
        await As(Facilitator).Post($"{linkUrl}/withdrawal", new { reason = "The group agreed it was the choir" }, expect: 200);
        map = (await As(Partner).Get(MapBuilder.Map(a, m)))!;
        Assert.Equal("withdrawn", map.LinkOf(link)["status"]!.GetValue<string>());
        Assert.Null(map.Order(second));
        Assert.Equal(1, map["summary"]!["links"]!.GetValue<int>());

        var detail = (await As(Commissioner).Get(linkUrl))!;
        Assert.Equal(["disputed", "substantiated", "withdrawn"], detail["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal(Facilitator, detail["history"]![2]!["by"]!.GetValue<string>());

        await As(Partner).Post($"{linkUrl}/disputes", new { reason = "again" }, expect: 409);
        await As(Facilitator).Post($"{linkUrl}/withdrawal", new { reason = "again" }, expect: 200);
        await As(Partner).Post($"{linkUrl}/disputes", new { }, expect: 400);
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links/{Guid.NewGuid()}/disputes", new { reason = "x" }, expect: 404);
    }

    [Fact]
    public async Task partners_withdraw_only_links_they_asserted()
    {
        var (a, _) = await Alliance();
        var m = await As(Facilitator).StartMap(a);
        var first = await As(Facilitator).AddRipple(a, m, "First", causedBy: [m]);
        var second = await As(Partner).AddRipple(a, m, "Second");
        var facilitatorsLink = await As(Facilitator).Link(a, m, first, second);
        var partnersLink = await As(Partner).Link(a, m, m, second, "enabled");

        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links/{facilitatorsLink}/withdrawal", new { reason = "no" }, expect: 403);
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links/{partnersLink}/withdrawal", new { reason = "I misheard" }, expect: 200);
        await As(Commissioner).Post($"{MapBuilder.Map(a, m)}/links/{facilitatorsLink}/disputes", new { reason = "no" }, expect: 403);
    }

    [Fact]
    public async Task roles_decide_who_runs_sessions_codes_and_adds()
    {
        var (a, _) = await Alliance();
        await As(Partner).Post(MapBuilder.Maps(a), new { focus = "x" }, expect: 403);
        await As(Commissioner).Post(MapBuilder.Maps(a), new { focus = "x" }, expect: 403);
        var m = await As(Facilitator).StartMap(a);
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/sessions", new { title = "t", heldOn = "2025-01-01" }, expect: 403);
        await As(Commissioner).Post($"{MapBuilder.Map(a, m)}/ripples", MapBuilder.RippleBody("x"), expect: 403);
        var ripple = await As(Partner).AddRipple(a, m, "Partners may add");
        await As(Partner).Put($"{MapBuilder.Map(a, m)}/ripples/{ripple}/coding", new { capitals = new[] { "human" } }, expect: 403);
        await As(Steward).Put($"{MapBuilder.Map(a, m)}/ripples/{ripple}/coding", new { capitals = new[] { "human" } });
        await As(Commissioner).Get(MapBuilder.Map(a, m));
        await As("stranger@example.org").Get(MapBuilder.Map(a, m), expect: 404);
        await Anonymous().Get(MapBuilder.Map(a, m), expect: 401);
        Assert.Single((await As(Commissioner).Get(MapBuilder.Maps(a)))!["items"]!.AsArray());
    }

    [Fact]
    public async Task a_closed_session_takes_no_more_ripples_or_links()
    {
        var (a, _) = await Alliance();
        var m = await As(Facilitator).StartMap(a);
        var session = await As(Facilitator).ScheduleSession(a, m);
        var ripple = await As(Partner).AddRipple(a, m, "Before closing", sessionId: session);
        var close = $"{MapBuilder.Map(a, m)}/sessions/{session}/close";

        await As(Facilitator).Post(close, new { reflections = "We saw more than we expected." }, expect: 200);
        await As(Facilitator).Post(close, new { reflections = "We saw more than we expected." }, expect: 200);
        await As(Facilitator).Post(close, new { reflections = "Something else" }, expect: 409);
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/ripples", MapBuilder.RippleBody("Too late", sessionId: session), expect: 409);
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links", new { from = m, to = ripple, relation = "led-to", sessionId = session }, expect: 409);
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/ripples", MapBuilder.RippleBody("No such session", sessionId: Guid.NewGuid()), expect: 400);
        await As(Partner).AddRipple(a, m, "Outside any session");

        var held = (await As(Commissioner).Get($"{MapBuilder.Map(a, m)}/sessions/{session}"))!;
        Assert.Equal("closed", held["status"]!.GetValue<string>());
        Assert.Equal("We saw more than we expected.", held["reflections"]!.GetValue<string>());
        Assert.Single((await As(Commissioner).Get($"{MapBuilder.Map(a, m)}/sessions"))!.AsArray());
    }

    [Fact]
    public async Task retries_with_the_same_id_never_duplicate()
    {
        var (a, _) = await Alliance();
        var mapId = Guid.NewGuid();
        await As(Facilitator).Post(MapBuilder.Maps(a), new { id = mapId, focus = "Fridge" });
        await As(Facilitator).Post(MapBuilder.Maps(a), new { id = mapId, focus = "Fridge" }, expect: 200);
        await As(Facilitator).Post(MapBuilder.Maps(a), new { id = mapId, focus = "Other" }, expect: 409);

        var id = Guid.NewGuid();
        var body = MapBuilder.RippleBody("Volunteers", causedBy: [mapId], id: id);
        var first = await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/ripples", body);
        var again = await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/ripples", body, expect: 200);
        Assert.Equal(first!.ToJsonString(), again!.ToJsonString());
        await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/ripples", MapBuilder.RippleBody("Different", causedBy: [mapId], id: id), expect: 409);

        var linkId = Guid.NewGuid();
        var other = await As(Partner).AddRipple(a, mapId, "Other");
        var link = new { id = linkId, from = id, to = other, relation = "enabled" };
        await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/links", link);
        await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/links", link, expect: 200);
        await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/links", new { id = linkId, from = id, to = other, relation = "hindered" }, expect: 409);

        var disputeId = Guid.NewGuid();
        await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/links/{linkId}/disputes", new { id = disputeId, reason = "Not sure" }, expect: 200);
        await As(Partner).Post($"{MapBuilder.Map(a, mapId)}/links/{linkId}/disputes", new { id = disputeId, reason = "Not sure" }, expect: 200);

        var map = (await As(Partner).Get(MapBuilder.Map(a, mapId)))!;
        Assert.Equal(2, map["nodes"]!.AsArray().Count);
        Assert.Equal(2, map["links"]!.AsArray().Count);
        Assert.Single((await As(Partner).Get($"{MapBuilder.Map(a, mapId)}/links/{linkId}"))!["history"]!.AsArray());
    }

    [Fact]
    public async Task recoding_keeps_the_earlier_coding_in_history()
    {
        var (a, _) = await Alliance();
        var m = await As(Facilitator).StartMap(a);
        var ripple = await As(Partner).AddRipple(a, m, "Volunteers", ["human"], [m]);
        var coding = $"{MapBuilder.Map(a, m)}/ripples/{ripple}/coding";

        await As(Facilitator).Put(coding, new { capitals = new[] { "human", "social" }, valence = "mixed", intended = false });
        await As(Facilitator).Put(coding, new { capitals = new[] { "gold" } }, expect: 400);
        await As(Facilitator).Put($"{MapBuilder.Map(a, m)}/ripples/{Guid.NewGuid()}/coding", new { capitals = new[] { "human" } }, expect: 404);

        var detail = (await As(Commissioner).Get($"{MapBuilder.Map(a, m)}/ripples/{ripple}"))!;
        Assert.Equal(["human", "social"], detail["ripple"]!["capitals"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("mixed", detail["ripple"]!["valence"]!.GetValue<string>());
        Assert.False(detail["ripple"]!["intended"]!.GetValue<bool>());
        Assert.Equal(2, detail["codings"]!.AsArray().Count);
        Assert.Equal(["human"], detail["codings"]![0]!["capitals"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(Facilitator, detail["codings"]![1]!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task evidence_must_be_an_observation_or_story_of_the_same_alliance()
    {
        var (a, _) = await Alliance();
        var (other, _) = await As(Steward).FormAllianceWithEveryRole("rem-other");
        var m = await As(Facilitator).StartMap(a);
        var mine = await As(Partner).LogObservation(a, ObservationBuilder.Body());
        var theirs = await As("rem-other-partner@example.org").LogObservation(other, ObservationBuilder.Body());
        var ripples = $"{MapBuilder.Map(a, m)}/ripples";

        var cited = await As(Partner).Post(ripples, MapBuilder.RippleBody("Cited", evidence: [new { kind = "observation", id = mine }]));
        var map = (await As(Partner).Get(MapBuilder.Map(a, m)))!;
        Assert.Equal(mine.ToString(), map.Node(cited.Id())["evidence"]![0]!["id"]!.GetValue<string>());

        var foreign = await As(Partner).Post(ripples, MapBuilder.RippleBody("Foreign", evidence: [new { kind = "observation", id = theirs }]), expect: 400);
        Assert.NotNull(foreign!["errors"]!["evidence[0].id"]);
        await As(Partner).Post(ripples, MapBuilder.RippleBody("Wrong kind", evidence: [new { kind = "story", id = mine }]), expect: 400);
        await As(Partner).Post(ripples, MapBuilder.RippleBody("No kind", evidence: [new { id = mine }]), expect: 400);
    }

    [Fact]
    public async Task another_alliances_map_answers_404_everywhere()
    {
        var (a, _) = await Alliance();
        var (other, _) = await As(Steward).FormAllianceWithEveryRole("rem-iso");
        var m = await As(Facilitator).StartMap(a);
        var ripple = await As(Partner).AddRipple(a, m, "Mine", causedBy: [m]);

        await As(Steward).Get(MapBuilder.Map(other, m), expect: 404);
        await As(Steward).Post($"{MapBuilder.Map(other, m)}/ripples", MapBuilder.RippleBody("Sneaky"), expect: 404);
        await As(Steward).Get($"{MapBuilder.Map(other, m)}/export?format=graphml", expect: 404);
        await As(Steward).Get($"{MapBuilder.Map(other, m)}/ripples/{ripple}", expect: 404);
        Assert.Empty((await As(Steward).Get(MapBuilder.Maps(other)))!["items"]!.AsArray());
        var obs = await As(Partner).LogObservation(a, ObservationBuilder.Body());
        await As(Partner).Get(MapBuilder.Map(a, obs), expect: 404);
    }

    [Fact]
    public async Task twenty_participants_adding_at_once_all_succeed()
    {
        var (a, partnerId) = await Alliance();
        var m = await As(Facilitator).StartMap(a);
        var session = await As(Facilitator).ScheduleSession(a, m);
        var participants = Enumerable.Range(0, 20).Select(i => $"rem-p{i}@example.org").ToList();
        foreach (var p in participants) await As(Steward).AddMember(a, p, "partner", partnerId);

        var added = await Task.WhenAll(participants.Select(p => Task.Run(async () =>
        {
            var ids = new List<Guid>();
            for (var i = 0; i < 5; i++) ids.Add(await As(p).AddRipple(a, m, $"{p} ripple {i}", causedBy: [m], sessionId: session));
            return ids;
        })));

        var map = (await As(Facilitator).Get(MapBuilder.Map(a, m)))!;
        Assert.Equal(100, map["nodes"]!.AsArray().Count);
        Assert.Equal(100, map["links"]!.AsArray().Count);
        Assert.Equal(added.SelectMany(x => x).Select(g => g.ToString()).Order(), map["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order());
    }
}
