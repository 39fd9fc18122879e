using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>
/// Words amended away are shown only to the record's own partner organisation and the stewards; every other reader sees
/// when it changed and which parts, not the earlier words.
/// </summary>
public sealed class when_an_amended_entry_is_read_by_others(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "amr-steward@example.org";
    private const string Partner = "amr-partner@example.org";
    private const string Facilitator = "amr-facilitator@example.org";
    private const string Commissioner = "amr-commissioner@example.org";

    [Fact]
    public async Task only_its_own_organisation_and_stewards_read_the_earlier_words()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("amr");
        var id = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Mr Jones at 14 Mill Lane got his flat back.",
            themes: ["housing"], scope: "commissioners", identifiable: true, observedAt: "2026-11-30T10:00:00Z"));
        await As(Partner).Post($"/api/alliances/{a}/observations/{id}/amendments", new { text = "A tenant got his flat back." }, 200);
        var url = $"/api/alliances/{a}/observations/{id}";

        foreach (var reader in new[] { Commissioner, Facilitator })
        {
            var read = (await As(reader).Get(url))!;
            Assert.DoesNotContain("Mr Jones", read.ToJsonString());
            Assert.Equal("A tenant got his flat back.", read["text"]!.GetValue<string>());
            Assert.Equal(["text"], read["versions"]![1]!["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
            var page = (await As(reader).SendRaw(HttpMethod.Get, $"/alliances/{a}/entries/{id}", null)).Body;
            Assert.DoesNotContain("Mr Jones", page);
            Assert.Contains("shown only to the organisation that logged it and to stewards", page);
        }
        foreach (var reader in new[] { Partner, Steward })
            Assert.Contains("Mr Jones", (await As(reader).Get(url))!.ToJsonString());
    }
}
