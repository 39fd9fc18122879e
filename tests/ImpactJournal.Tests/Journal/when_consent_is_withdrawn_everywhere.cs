using ImpactJournal.Journal;
using ImpactJournal.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImpactJournal.Tests.Journal;

/// <summary>Withdrawal reaches past the record itself: its reason, the maps and readings citing it, and a half-finished erasure.</summary>
public sealed class when_consent_is_withdrawn_everywhere(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "everywhere-steward@example.org";
    private const string Partner = "everywhere-partner@example.org";
    private const string Facilitator = "everywhere-facilitator@example.org";
    private const string Commissioner = "everywhere-commissioner@example.org";

    private static object StoryBody(string scope, string title) => new
    {
        title, narrative = "A long story.", tellerRole = "resident", toldOn = "2025-03-01", consent = new { scope, identifiable = true }
    };

    [Fact]
    public async Task a_withdrawn_record_the_reader_could_never_read_answers_not_found()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("everywhere");
        var observation = await As(Partner).LogObservation(a, ObservationBuilder.Body(scope: "alliance"));
        var story = (await As(Partner).Post($"/api/alliances/{a}/stories", StoryBody("alliance", "Kept close"))).Id();
        var shared = await As(Partner).LogObservation(a, ObservationBuilder.Body(scope: "commissioners"));
        foreach (var (kind, id) in new[] { ("observations", observation), ("stories", story), ("observations", shared) })
            await As(Partner).Post($"/api/alliances/{a}/{kind}/{id}/consent-withdrawal", new { }, expect: 200);

        await As(Commissioner).Get($"/api/alliances/{a}/observations/{observation}", expect: 404);
        await As(Commissioner).Get($"/api/alliances/{a}/stories/{story}", expect: 404);
        Assert.True((await As(Commissioner).Get($"/api/alliances/{a}/observations/{shared}"))!["withdrawn"]!.GetValue<bool>());
        Assert.True((await As(Facilitator).Get($"/api/alliances/{a}/observations/{observation}"))!["withdrawn"]!.GetValue<bool>());
    }

    [Fact]
    public async Task the_reason_is_not_kept_and_citations_read_withdrawn_and_cannot_be_made_again()
    {
        var marker = $"Quillon-{Guid.NewGuid():N}";
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("everywhere");
        var observation = await As(Partner).LogObservation(a, ObservationBuilder.Body(scope: "commissioners"));
        var m = await As(Facilitator).StartMap(a);
        var cited = new[] { new { kind = "observation", id = observation } };
        var ripple = (await As(Partner).Post($"{MapBuilder.Map(a, m)}/ripples",
            MapBuilder.RippleBody("Tenants meet", causedBy: [m], evidence: cited))).Id();
        var indicator = (await As(Partner).Post($"/api/alliances/{a}/indicators", new
        { name = "Someone to call", question = "q", unit = "percent", method = "survey", proposedBy = "residents" })).Id();
        await As(Partner).Post($"/api/alliances/{a}/indicators/{indicator}/readings", new { value = 40, observedOn = "2025-03-01", linked = cited });

        await As(Partner).Post($"/api/alliances/{a}/observations/{observation}/consent-withdrawal", new { reason = $"{marker} moved to flat 3b" }, expect: 200);
        await CatchUpProjections();

        Assert.Equal(0, await Fixture.RowsMentioning(marker));
        var evidence = (await As(Commissioner).Get(MapBuilder.Map(a, m)))!.Node(ripple)["evidence"]![0]!;
        Assert.Equal(observation.ToString(), evidence["id"]!.GetValue<string>());
        Assert.True(evidence["withdrawn"]!.GetValue<bool>());
        Assert.True((await As(Commissioner).Get($"{MapBuilder.Map(a, m)}/ripples/{ripple}"))!["ripple"]!["evidence"]![0]!["withdrawn"]!.GetValue<bool>());
        Assert.True((await As(Commissioner).Get($"/api/alliances/{a}/indicators/{indicator}/trend"))!["linked"]![0]!["withdrawn"]!.GetValue<bool>());

        var again = await As(Partner).Post($"{MapBuilder.Map(a, m)}/ripples", MapBuilder.RippleBody("Again", causedBy: [m], evidence: cited), expect: 400);
        Assert.Contains("withdrawn", again!["errors"]!["evidence[0].id"]![0]!.GetValue<string>());
        await As(Partner).Post($"/api/alliances/{a}/indicators/{indicator}/readings", new { value = 41, observedOn = "2025-03-02", linked = cited }, expect: 400);
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links", new { from = m, to = ripple, relation = "enabled", evidence = cited }, expect: 400);
    }

    [Fact]
    public async Task an_erasure_left_half_done_is_finished_by_the_service_itself()
    {
        var marker = $"Ostrava-{Guid.NewGuid():N}";
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("everywhere");
        var observation = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: $"{marker} got her keys", scope: "commissioners"));
        await CatchUpProjections();

        // As if the process died after recording the withdrawal as pending, before masking and the audit.
        await using (var session = Store.LightweightSession(a.ToString()))
        {
            session.Store(new PendingErasure(observation, a.ToString(), EvidenceKind.Observation, Partner, DateTimeOffset.UtcNow.AddMinutes(-5)));
            await session.SaveChangesAsync();
        }
        var finished = await Host.Services.GetRequiredService<ConsentErasureSweeper>().SweepAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        await CatchUpProjections();

        Assert.Equal(1, finished);
        Assert.Equal(0, await Fixture.RowsMentioning(marker));
        Assert.Equal((Partner, 1), await Fixture.EventsOfType(observation, "observation_consent_withdrawn"));
        Assert.True((await As(Partner).Get($"/api/alliances/{a}/observations/{observation}"))!["withdrawn"]!.GetValue<bool>());
        Assert.Equal(0, await Host.Services.GetRequiredService<ConsentErasureSweeper>().SweepAsync(DateTimeOffset.UtcNow, CancellationToken.None));
    }
}
