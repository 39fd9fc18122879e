using ImpactJournal.Demo;
using ImpactJournal.Tests.Support;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ImpactJournal.Tests.Demo;

public sealed class when_loading_the_demo(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly Guid Ashworth = Guid.Parse("2abe2b86-41a4-59b5-9c5e-e61e5b8affaa");

    [Fact]
    public async Task the_demo_alliance_has_a_ripple_map_indicators_and_learning_reviews()
    {
        var seed = new DemoSeed(Store, new ConfigurationBuilder().Build(), NullLogger<DemoSeed>.Instance);
        await seed.StartAsync(CancellationToken.None);
        await seed.StartAsync(CancellationToken.None);
        await CatchUpProjections();
        var commissioner = As("commissioner@ashworth.example");

        var maps = (await commissioner.Get($"/api/alliances/{Ashworth}/maps"))!["items"]!.AsArray();
        var map = (await commissioner.Get($"/api/alliances/{Ashworth}/maps/{maps.Single()!["id"]!.GetValue<string>()}"))!;
        Assert.Equal(10, map["summary"]!["nodes"]!.GetValue<int>());
        Assert.Equal(0, map["summary"]!["unreachable"]!.GetValue<int>());
        Assert.NotEmpty(map["summary"]!["spiralingUp"]!.AsArray());
        Assert.Equal(2, (await commissioner.Get($"/api/alliances/{Ashworth}/maps/{map["id"]!.GetValue<string>()}/sessions"))!.AsArray().Count);

        var indicators = (await commissioner.Get($"/api/alliances/{Ashworth}/indicators"))!["items"]!.AsArray();
        Assert.Equal(5, indicators.Count);
        Assert.All(indicators, i => Assert.Equal("adopted", i!["status"]!.GetValue<string>()));
        Assert.Equal("rising", indicators.Single(i => i!["name"]!.GetValue<string>() == "Someone to call")!["direction"]!.GetValue<string>());

        var reviews = (await commissioner.Get($"/api/alliances/{Ashworth}/learning-reviews"))!["items"]!.AsArray();
        Assert.Equal(2, reviews.Count);
        var autumn = reviews[0]!["id"]!.GetValue<string>();
        var summary = (await commissioner.Get($"/api/alliances/{Ashworth}/learning-reviews/{autumn}/summary"))!;
        Assert.Equal(2, summary["followThrough"]!.AsArray().Count);
        // The autumn re-map's ripples count in the autumn review, on the day of the session.
        Assert.True(summary["ripples"]!["added"]!.GetValue<int>() > 0);
        Assert.NotEmpty(summary["indicators"]!.AsArray());
        Assert.NotNull((await commissioner.Get("/api/dashboard"))!["alliances"]![0]!["latestReview"]);
    }
}
