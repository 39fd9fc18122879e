using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.Observations;

public sealed class when_logging_observations(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "obs-steward@example.org";
    private const string Partner = "obs-partner@example.org";

    private async Task<(Guid AllianceId, Guid PartnerId)> Alliance() => await As(Steward).FormAllianceWithEveryRole("obs");

    [Fact]
    public async Task a_partner_logs_for_their_own_organisation_by_default()
    {
        var (allianceId, partnerId) = await Alliance();
        var id = await As("obs-partner@example.org").LogObservation(allianceId);

        var observation = await As(Steward).Get($"/api/alliances/{allianceId}/observations/{id}");
        Assert.Equal(partnerId.ToString(), observation!["partnerId"]!.GetValue<string>());
        Assert.Equal("obs-partner@example.org", observation["loggedBy"]!.GetValue<string>());
        Assert.Equal(["volunteering", "belonging"], observation["themes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task a_partner_may_not_log_on_behalf_of_another_partner_but_a_facilitator_may()
    {
        var (allianceId, _) = await Alliance();
        var other = await As(Steward).AddPartner(allianceId, "Ashworth Mind");

        await As(Partner).Post($"/api/alliances/{allianceId}/observations", ObservationBuilder.Body(partnerId: other), expect: 403);
        await As("obs-facilitator@example.org").LogObservation(allianceId, ObservationBuilder.Body(partnerId: other));
    }

    [Fact]
    public async Task a_member_without_a_partner_must_name_one()
    {
        var (allianceId, _) = await Alliance();
        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/observations",
            System.Text.Json.JsonSerializer.Serialize(ObservationBuilder.Body(), System.Text.Json.JsonSerializerOptions.Web));
        Assert.Equal(400, status);
        Assert.Contains("partnerId", body);
    }

    [Fact]
    public async Task commissioners_read_but_do_not_log()
    {
        var (allianceId, partnerId) = await Alliance();
        await As("obs-commissioner@example.org").Post($"/api/alliances/{allianceId}/observations",
            ObservationBuilder.Body(partnerId: partnerId), expect: 403);
    }

    [Fact]
    public async Task a_retry_with_the_same_id_and_body_appends_nothing_and_a_different_body_conflicts()
    {
        var (allianceId, _) = await Alliance();
        var id = Guid.NewGuid();
        await As(Partner).Post($"/api/alliances/{allianceId}/observations", ObservationBuilder.Body(id));
        var retry = await As(Partner).Post($"/api/alliances/{allianceId}/observations", ObservationBuilder.Body(id), expect: 200);
        Assert.Equal(id.ToString(), retry!["id"]!.GetValue<string>());
        await As(Partner).Post($"/api/alliances/{allianceId}/observations", ObservationBuilder.Body(id, text: "Changed"), expect: 409);

        await using var session = Store.QuerySession(allianceId.ToString());
        Assert.Single(await session.Events.FetchStreamAsync(id));
    }

    [Fact]
    public async Task concurrent_retries_of_one_observation_make_one_event()
    {
        var (allianceId, _) = await Alliance();
        var id = Guid.NewGuid();
        var body = System.Text.Json.JsonSerializer.Serialize(ObservationBuilder.Body(id), System.Text.Json.JsonSerializerOptions.Web);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/observations", body)));

        Assert.All(answers, a => Assert.True(a.Status is 200 or 201, $"{a.Status} {a.Body}"));
        Assert.Single(answers, a => a.Status == 201);
        await using var session = Store.QuerySession(allianceId.ToString());
        Assert.Single(await session.Events.FetchStreamAsync(id));
    }

    [Fact]
    public async Task every_bad_field_is_named()
    {
        var (allianceId, _) = await Alliance();
        var (status, _, body, _) = await As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/observations",
            """{"text":"","observedAt":"2199-01-01T00:00:00Z","themes":[""],"valence":"sunny","consent":{}}""");
        Assert.Equal(400, status);
        Assert.Contains("\"valence\"", body);

        (status, _, body, _) = await As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/observations",
            """{"text":"","observedAt":"2199-01-01T00:00:00Z","themes":[""],"valence":"mixed","consent":{}}""");
        Assert.Equal(400, status);
        foreach (var field in new[] { "\"text\"", "\"observedAt\"", "\"themes[0]\"", "\"consent.scope\"", "\"consent.identifiable\"" })
            Assert.Contains(field, body);
    }

    [Fact]
    public async Task an_observation_of_another_alliance_is_not_found()
    {
        var (allianceId, _) = await Alliance();
        var id = await As(Partner).LogObservation(allianceId);
        var elsewhere = await As(Steward).FormAlliance("Elsewhere");

        await As(Steward).Get($"/api/alliances/{elsewhere}/observations/{id}", expect: 404);
        await As(Steward).Post($"/api/alliances/{elsewhere}/observations/{id}/retraction", new { reason = "x" }, expect: 404);
    }
}
