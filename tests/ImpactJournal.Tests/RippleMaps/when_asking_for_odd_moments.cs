using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>Extreme or malformed moments in time-travel reads answer 4xx or a result, never a 5xx.</summary>
public sealed class when_asking_for_odd_moments(AppFixture fixture) : IntegrationContext(fixture)
{
    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00%2B14:00")]
    [InlineData("not-a-time")]
    public async Task time_travel_never_fails_on_the_moment_given(string moment)
    {
        var (a, _) = await As("odd-steward@example.org").FormAllianceWithEveryRole("odd");
        var steward = As("odd-steward@example.org");
        var m = await steward.StartMap(a);
        await steward.AddRipple(a, m, "Something", causedBy: [m]);
        var indicator = (await steward.Post($"/api/alliances/{a}/indicators", new { name = "n", question = "q", unit = "count", method = "m", proposedBy = "p" })).Id();
        var review = (await steward.Post($"/api/alliances/{a}/learning-reviews", new { title = "r", periodStart = "2025-01-01", periodEnd = "2025-02-01" })).Id();

        foreach (var url in new[]
        {
            $"{MapBuilder.Map(a, m)}?asOf={moment}",
            $"{MapBuilder.Map(a, m)}/diff?from={moment}",
            $"{MapBuilder.Map(a, m)}/diff?from=2000-01-01T00:00:00Z&to={moment}",
            $"{MapBuilder.Map(a, m)}/export?format=graphml&asOf={moment}",
            $"{MapBuilder.Map(a, m)}/picture?asOf={moment}",
            $"/api/alliances/{a}/indicators/{indicator}/trend?asOf={moment}",
            $"/api/alliances/{a}/learning-reviews/{review}/summary?asOf={moment}",
            $"/api/alliances/{a}/observations?from={moment}&to={moment}",
        })
        {
            var (status, _, body, _) = await steward.SendRaw(HttpMethod.Get, url, null);
            Assert.True(status < 500, $"{url} answered {status}: {body}\n{string.Join("\n", Fixture.Logs.Lines.Where(l => l.Contains("Exception")).TakeLast(1))}");
        }
    }
}
