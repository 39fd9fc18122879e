using ImpactJournal.Codebook;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>A client-chosen id may not be one the alliance derives for its own streams (its codebook's).</summary>
public sealed class when_an_observation_claims_a_derived_id(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "drv-steward@example.org";
    private const string Partner = "drv-partner@example.org";
    private const string Facilitator = "drv-facilitator@example.org";

    [Fact]
    public async Task the_codebooks_id_is_refused_and_the_codebook_still_works()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("drv");
        await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "A note.", themes: ["housing"]));
        var claimed = await As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/observations",
            System.Text.Json.JsonSerializer.Serialize(ObservationBuilder.Body(id: AllianceCodebook.StreamIdOf(a), text: "Claims the codebook's id.")));
        Assert.Equal(400, claimed.Status);
        Assert.Contains("\"id\"", claimed.Body);
        await CatchUpProjections();
        var renamed = await As(Facilitator).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/codebook/renames", "{\"theme\":\"housing\",\"to\":\"homes\"}");
        Assert.Equal(201, renamed.Status);
    }
}
