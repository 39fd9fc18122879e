using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>The pure parts of every write to a ripple map, with no host and no database.</summary>
public sealed class when_deciding_ripple_maps
{
    private static readonly Guid MapId = Guid.CreateVersion7();
    private static readonly Guid Ripple = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly Guid LinkId = Guid.CreateVersion7();
    private static readonly Guid Open = Guid.CreateVersion7();
    private static readonly Guid Closed = Guid.CreateVersion7();
    private const string Asserter = "asserter@example.org";
    private const string Where = "/api/alliances/a/maps/m/part";

    private static readonly Member Facilitator = new("facilitator@example.org", "Grace", AllianceRole.Facilitator, null);
    private static readonly Member Partner = new("partner@example.org", "Dan", AllianceRole.Partner, Guid.CreateVersion7());

    /// <summary>
    /// A map with two ripples (the first caused by the focus), an open and a closed session, and a link asserted
    /// by <see cref="Asserter"/>; versions 1 to 8, then whatever is added.
    /// </summary>
    private static RippleMap Map(params object[] later)
    {
        object[] events =
        [
            new RippleMapStarted(MapId, "Community meal", null),
            new MappingSessionScheduled(Open, "Spring", new DateOnly(2026, 4, 22), 12, ["residents"], []),
            new MappingSessionScheduled(Closed, "Winter", new DateOnly(2026, 1, 10), 8, [], []),
            new MappingSessionClosed(Closed, "It went well."),
            Added(Ripple, "Volunteers trained"),
            new RipplesLinked(AddRippleUseCase.CauseLinkId(Ripple, MapId), MapId, Ripple, LinkRelation.LedTo, null, [], null),
            Added(Other, "Neighbours share lifts"),
            new RipplesLinked(LinkId, Ripple, Other, LinkRelation.Enabled, null, [], null),
            .. later
        ];
        return RippleMap.Fold(null, events.Select(Stamp))!;
    }

    private static RippleAdded Added(Guid id, string label, Guid? session = null) =>
        new(id, label, null, [CommunityCapital.Social], Valence.Generative, true, [], session);

    private static IEvent Stamp(object data, int index)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Version = index + 1;
        e.Timestamp = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddMinutes(index);
        e.UserName = Asserter;
        return e;
    }

    [Fact]
    public void starting_a_map_needs_a_focus_and_keeps_the_words_trimmed()
    {
        Assert.Equal(["body"], StartRippleMapUseCase.Validate(null).Keys);
        Assert.Equal(["focus"], StartRippleMapUseCase.Validate(new StartRippleMap(null, " ", null)).Keys);
        var id = Guid.CreateVersion7();
        Assert.Equal(new RippleMapStarted(id, "Community meal", null), StartRippleMapUseCase.Decide(new StartRippleMap(id, " Community meal ", "  ")));
    }

    [Fact]
    public void a_session_is_scheduled_once_and_its_id_is_not_reused_for_another()
    {
        Assert.Equal(["participants.count", "title"],
            ScheduleMappingSessionUseCase.Validate(new ScheduleMappingSession(null, "", new DateOnly(2026, 5, 1), new SessionParticipants(0, []), null)).Keys.Order());
        var command = new ScheduleMappingSession(Guid.CreateVersion7(), " Summer ", new DateOnly(2026, 7, 1), new SessionParticipants(9, ["residents", "Residents "]), null);
        var scheduled = ScheduleMappingSessionUseCase.Scheduled(command, []);
        Assert.Equal(["residents"], scheduled.Roles);

        var first = ScheduleMappingSessionUseCase.Decide(Map(), scheduled, Where);
        Assert.IsType<Outcome.Saved>(first.Outcome);
        Assert.Equal([scheduled], first.Events);
        var again = ScheduleMappingSessionUseCase.Decide(Map(scheduled), scheduled, Where);
        Assert.IsType<Outcome.AlreadyThere>(again.Outcome);
        Assert.Empty(again.Events);
        var different = ScheduleMappingSessionUseCase.Decide(Map(scheduled), scheduled with { Title = "Autumn" }, Where);
        Assert.IsType<Outcome.Conflict>(different.Outcome);
        Assert.Empty(different.Events);
    }

    [Fact]
    public void a_session_closes_once_with_its_reflections()
    {
        Assert.Equal(["reflections"], CloseMappingSessionUseCase.Validate(new CloseMappingSession(" ")).Keys);
        var closing = CloseMappingSessionUseCase.Decide(Map(), Open, new CloseMappingSession(" Buses mattered. "), Where);
        Assert.Equal([new MappingSessionClosed(Open, "Buses mattered.")], closing.Events);

        Assert.IsType<Outcome.NotFound>(CloseMappingSessionUseCase.Decide(Map(), Guid.CreateVersion7(), new CloseMappingSession("x"), Where).Outcome);
        var retried = CloseMappingSessionUseCase.Decide(Map(), Closed, new CloseMappingSession("It went well."), Where);
        Assert.IsType<Outcome.Saved>(retried.Outcome);
        Assert.Empty(retried.Events);
        Assert.Equal("Session already closed", Assert.IsType<Outcome.Conflict>(
            CloseMappingSessionUseCase.Decide(Map(), Closed, new CloseMappingSession("Other words."), Where).Outcome).Title);
    }

    [Fact]
    public void a_ripple_comes_with_a_link_from_each_cause_and_only_into_an_open_session_of_the_map()
    {
        var self = Guid.CreateVersion7();
        Assert.Equal(["causedBy"], AddRippleUseCase.Validate(new AddRipple(self, "Fridge", null, [], Valence.Generative, null, [], null, [self])).Keys);
        Assert.Equal(["capitals"], AddRippleUseCase.Validate(new AddRipple(null, "Fridge", null, null, Valence.Generative, null, [], null, null)).Keys);

        var added = Added(Guid.CreateVersion7(), "Council funds a fridge", Open);
        var decision = AddRippleUseCase.Decide(Map(), added, [Other, Other], Where);
        Assert.Equal(added.RippleId, decision.Outcome.SavedId);
        Assert.Equal([added, new RipplesLinked(AddRippleUseCase.CauseLinkId(added.RippleId, Other), Other, added.RippleId, LinkRelation.LedTo, null, [], Open)],
            decision.Events);
        Assert.IsType<Outcome.AlreadyThere>(AddRippleUseCase.Decide(Map([.. decision.Events]), added, [Other], Where).Outcome);

        Assert.Equal(["causedBy[0]"], Assert.IsType<Outcome.Invalid>(AddRippleUseCase.Decide(Map(), added, [Guid.CreateVersion7()], Where).Outcome).Errors.Keys);
        Assert.Equal("Session closed", Assert.IsType<Outcome.Conflict>(AddRippleUseCase.Decide(Map(), added with { SessionId = Closed }, [], Where).Outcome).Title);
        Assert.Equal(["sessionId"], Assert.IsType<Outcome.Invalid>(
            AddRippleUseCase.Decide(Map(), added with { SessionId = Guid.CreateVersion7() }, [], Where).Outcome).Errors.Keys);
        Assert.IsType<Outcome.Conflict>(AddRippleUseCase.Decide(Map(), added with { RippleId = Ripple }, [], Where).Outcome);
    }

    [Fact]
    public void a_link_joins_two_nodes_of_the_map_and_reports_the_loop_it_closes()
    {
        var node = Guid.CreateVersion7();
        Assert.Equal(["to"], LinkRipplesUseCase.Validate(new LinkRipples(null, node, node, LinkRelation.LedTo, null, [], null)).Keys);

        var back = LinkRipplesUseCase.Linked(new LinkRipples(Guid.CreateVersion7(), Other, Ripple, LinkRelation.Hindered, "  ", [], null), []);
        Assert.Null(back.Note);
        var decision = LinkRipplesUseCase.Decide(Map(), back, Where);
        Assert.Equal([back], decision.Events);
        var answer = Assert.IsType<LinkCreatedAnswer>(Assert.IsType<Outcome.Saved>(decision.Outcome).Body);
        Assert.Equal([Ripple, Other], answer.Cycle);

        Assert.Equal(["from"], Assert.IsType<Outcome.Invalid>(LinkRipplesUseCase.Decide(Map(), back with { From = Guid.CreateVersion7() }, Where).Outcome).Errors.Keys);
        Assert.IsType<Outcome.AlreadyThere>(LinkRipplesUseCase.Decide(Map(back), back, Where).Outcome);
        Assert.IsType<Outcome.Conflict>(LinkRipplesUseCase.Decide(Map(back), back with { Relation = LinkRelation.LedTo }, Where).Outcome);
    }

    [Fact]
    public void a_recoding_made_against_an_older_coding_of_the_ripple_is_refused_with_what_it_is_now()
    {
        Assert.Equal(["capitals", "expectedVersion"], RecodeRippleUseCase.Validate(new RecodeRipple(null, null, null, 0)).Keys.Order());
        var shown = Map().Nodes[Ripple].ChangedVersion;
        var human = new RecodeRipple([CommunityCapital.Human], null, null, shown);

        // Someone else re-codes the ripple: the form shown before is stale, and is told the coding and version now.
        var since = Map(new RippleRecoded(Ripple, [CommunityCapital.Natural], null, null));
        var stale = Assert.IsType<Outcome.Conflict>(RecodeRippleUseCase.Decide(since, Ripple, human, Where).Outcome);
        Assert.Equal(since.Nodes[Ripple].ChangedVersion, stale.CurrentVersion);
        Assert.Equal([CommunityCapital.Natural], Assert.IsType<Coding>(stale.Current).Capitals);
        var again = RecodeRippleUseCase.Decide(since, Ripple, human with { ExpectedVersion = stale.CurrentVersion }, Where);
        Assert.Equal([CommunityCapital.Human], Assert.IsType<RippleRecoded>(Assert.Single(again.Events)).Capitals);

        // Changes to other ripples and links of the map do not make the form stale; without a version the latest wins.
        var busy = Map(Added(Guid.CreateVersion7(), "Huddle starts"), new RippleRecoded(Other, [CommunityCapital.Built], null, null));
        Assert.Single(RecodeRippleUseCase.Decide(busy, Ripple, human, Where).Events);
        Assert.Single(RecodeRippleUseCase.Decide(since, Ripple, human with { ExpectedVersion = null }, Where).Events);

        var unchanged = RecodeRippleUseCase.Decide(Map(), Ripple, new RecodeRipple([CommunityCapital.Social], null, null, shown), Where);
        Assert.Empty(unchanged.Events);
        Assert.IsType<Outcome.Saved>(unchanged.Outcome);
        Assert.IsType<Outcome.NotFound>(RecodeRippleUseCase.Decide(Map(), Guid.CreateVersion7(), human, Where).Outcome);
    }

    [Fact]
    public void a_link_is_disputed_backed_up_or_withdrawn_once_and_only_by_those_allowed()
    {
        Assert.Equal(["reason"], ChallengeLinkUseCase.Validate(new LinkChangeRequest(null, "a", "b", [])).Keys);
        Assert.Equal(["reason"], ChallengeLinkUseCase.Validate(new LinkChangeRequest(null, null, null, [])).Keys);

        var dispute = new LinkChangeRequest(Guid.CreateVersion7(), " Not sure ", null, []);
        var disputed = ChallengeLinkUseCase.Decide(Map(), LinkId, dispute, [], LinkStatus.Disputed, Partner, Where);
        Assert.Equal([new RippleLinkDisputed(LinkId, dispute.Id!.Value, "Not sure", [])], disputed.Events);
        Assert.Empty(ChallengeLinkUseCase.Decide(Map([.. disputed.Events]), LinkId, dispute, [], LinkStatus.Disputed, Partner, Where).Events);
        Assert.IsType<Outcome.Conflict>(
            ChallengeLinkUseCase.Decide(Map([.. disputed.Events]), LinkId, dispute, [], LinkStatus.Substantiated, Partner, Where).Outcome);

        var withdraw = new LinkChangeRequest(Guid.CreateVersion7(), "Added by mistake", null, []);
        Assert.IsType<Outcome.Forbidden>(ChallengeLinkUseCase.Decide(Map(), LinkId, withdraw, [], LinkStatus.Withdrawn, Partner, Where).Outcome);
        var asserter = Partner with { Subject = Asserter };
        var withdrawn = Map(new RippleLinkWithdrawn(LinkId, withdraw.Id!.Value, "Added by mistake"));
        Assert.Single(ChallengeLinkUseCase.Decide(Map(), LinkId, withdraw, [], LinkStatus.Withdrawn, asserter, Where).Events);
        Assert.Single(ChallengeLinkUseCase.Decide(Map(), LinkId, withdraw, [], LinkStatus.Withdrawn, Facilitator, Where).Events);

        Assert.Equal("Link withdrawn", Assert.IsType<Outcome.Conflict>(
            ChallengeLinkUseCase.Decide(withdrawn, LinkId, dispute, [], LinkStatus.Disputed, Partner, Where).Outcome).Title);
        Assert.Empty(ChallengeLinkUseCase.Decide(withdrawn, LinkId, withdraw with { Id = Guid.CreateVersion7() }, [], LinkStatus.Withdrawn, Facilitator, Where).Events);
        Assert.IsType<Outcome.NotFound>(ChallengeLinkUseCase.Decide(Map(), Guid.CreateVersion7(), dispute, [], LinkStatus.Disputed, Partner, Where).Outcome);
    }
}
