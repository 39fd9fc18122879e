using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

public sealed class concurrent_administration(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task racing_writes_to_one_alliance_are_either_kept_or_refused_with_409_never_lost_or_500()
    {
        var steward = As("racer@example.org");
        var allianceId = await steward.FormAlliance();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            steward.SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/partners",
                $$"""{"id":"{{Guid.NewGuid()}}","name":"Partner {{i}}","kind":"vcse"}""")));

        Assert.All(answers, a => Assert.True(a.Status is 201 or 409, $"{a.Status}: {a.Body}"));
        var alliance = await steward.Get($"/api/alliances/{allianceId}");
        Assert.Equal(answers.Count(a => a.Status == 201), alliance!["partners"]!.AsArray().Count);
    }
}
