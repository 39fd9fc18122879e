using System.Collections.Concurrent;
using System.Diagnostics;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Observations;

public sealed class when_consent_is_withdrawn_from_an_observation(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "erase-steward@example.org";
    private const string Partner = "erase-partner@example.org";

    [Fact]
    public async Task its_words_are_gone_from_events_read_models_logs_and_traces_and_the_audit_remains()
    {
        var marker = $"Zephyrine-{Guid.NewGuid():N}";
        var spans = new ConcurrentBag<Activity>();
        using var listener = TraceEverything(spans);
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole("erase");
        var url = $"/api/alliances/{allianceId}/observations";

        var id = await As(Partner).LogObservation(allianceId, new
        {
            text = $"{marker} told me she finally has a key of her own.",
            observedAt = "2025-02-03T15:30:00Z",
            place = $"{marker}'s flat",
            themes = new[] { $"{marker} housing" },
            capitals = new[] { "built" },
            valence = "generative",
            consent = new { scope = "commissioners", identifiable = true }
        });
        await As(Partner).Post($"{url}/{id}/amendments", new { text = $"{marker} has a key and a sofa." }, expect: 200);
        await As(Partner).Post($"{url}/{id}/retraction", new { reason = $"{marker} asked us to hold it back" }, expect: 200);
        await CatchUpProjections();
        Assert.True(await Fixture.RowsMentioning(marker) > 0, "the marker should be stored before withdrawal");

        var answer = await As(Partner).Post($"{url}/{id}/consent-withdrawal", new { reason = "The teller asked" }, expect: 200);
        await As(Partner).Post($"{url}/{id}/consent-withdrawal", new { }, expect: 200);
        await CatchUpProjections();

        Assert.True(answer!["withdrawn"]!.GetValue<bool>());
        Assert.Equal(0, await Fixture.RowsMentioning(marker));
        var remaining = await As(Steward).Get($"{url}/{id}");
        Assert.Equal(id.ToString(), remaining!["id"]!.GetValue<string>());
        Assert.True(remaining["withdrawn"]!.GetValue<bool>());
        Assert.Null(remaining["text"]);
        Assert.Empty((await As(Steward).Get($"{url}?includeRetracted=true")).Ids());
        await As(Partner).Post($"{url}/{id}/amendments", new { text = "again" }, expect: 409);

        var audit = await Fixture.EventsOfType(id, "observation_consent_withdrawn");
        Assert.Equal((Partner, 1), audit);
        Assert.DoesNotContain(Fixture.Logs.Lines, line => line.Contains(marker));
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString()).Append(s.DisplayName)),
            value => value?.Contains(marker) == true);
    }

    [Fact]
    public async Task a_partner_may_not_withdraw_for_another_organisation_and_commissioners_may_not_at_all()
    {
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole("erase2");
        var other = await As(Steward).AddPartner(allianceId, "Other");
        var id = await As(Steward).LogObservation(allianceId, ObservationBuilder.Body(partnerId: other, scope: "commissioners"));

        await As("erase2-partner@example.org").Post($"/api/alliances/{allianceId}/observations/{id}/consent-withdrawal", new { }, expect: 403);
        await As("erase2-commissioner@example.org").Post($"/api/alliances/{allianceId}/observations/{id}/consent-withdrawal", new { }, expect: 403);
    }

    private static ActivityListener TraceEverything(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
