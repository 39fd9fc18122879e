using ImpactJournal.Demo;
using ImpactJournal.Tests.Support;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ImpactJournal.Tests.Demo;

public sealed class when_loading_the_demo(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly Guid Ashworth = Guid.Parse("2abe2b86-41a4-59b5-9c5e-e61e5b8affaa");

    [Fact]
    public async Task the_demo_alliance_has_a_ripple_map_indicators_and_learning_reviews()
    {
        await LoadTheDemo();
        var commissioner = As("commissioner@ashworth.example");

        var maps = (await commissioner.Get($"/api/alliances/{Ashworth}/maps"))!["items"]!.AsArray();
        var map = (await commissioner.Get($"/api/alliances/{Ashworth}/maps/{maps.Single()!["id"]!.GetValue<string>()}"))!;
        Assert.Equal(13, map["summary"]!["nodes"]!.GetValue<int>());
        Assert.Equal(0, map["summary"]!["unreachable"]!.GetValue<int>());
        Assert.NotEmpty(map["summary"]!["spiralingUp"]!.AsArray());
        Assert.Equal(3, (await commissioner.Get($"/api/alliances/{Ashworth}/maps/{map["id"]!.GetValue<string>()}/sessions"))!.AsArray().Count);

        var indicators = (await commissioner.Get($"/api/alliances/{Ashworth}/indicators"))!["items"]!.AsArray();
        Assert.Equal(5, indicators.Count);
        Assert.All(indicators, i => Assert.Equal("adopted", i!["status"]!.GetValue<string>()));
        Assert.Equal("rising", indicators.Single(i => i!["name"]!.GetValue<string>() == "Someone to call")!["direction"]!.GetValue<string>());

        var reviews = (await commissioner.Get($"/api/alliances/{Ashworth}/learning-reviews"))!["items"]!.AsArray();
        Assert.Equal(2, reviews.Count);
        var autumn = reviews[0]!["id"]!.GetValue<string>();
        var summary = (await commissioner.Get($"/api/alliances/{Ashworth}/learning-reviews/{autumn}/summary"))!;
        Assert.Equal(2, summary["followThrough"]!.AsArray().Count);
        // The second session's ripples count in the autumn review, on the day of the session.
        Assert.True(summary["ripples"]!["added"]!.GetValue<int>() > 0);
        Assert.NotEmpty(summary["indicators"]!.AsArray());
        Assert.NotNull((await commissioner.Get("/api/dashboard"))!["alliances"]![0]!["latestReview"]);
    }

    [Fact]
    public async Task the_dashboard_opens_on_recent_weeks_last_quarters_closed_check_in_and_a_map_that_grew_last_month()
    {
        await LoadTheDemo();
        var steward = As("steward@ashworth.example");

        var answer = (await steward.Get("/api/dashboard"))!;
        var today = DateOnly.Parse(answer["today"]!.GetValue<string>());
        var dashboard = answer["alliances"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == Ashworth.ToString())!;
        var weeks = dashboard["observationsPerWeek"]!.AsArray().Select(w => w!["count"]!.GetValue<int>()).ToList();
        Assert.True(weeks.TakeLast(4).Sum() > 0, $"nothing logged in the last four weeks: {string.Join(", ", weeks)}");
        Assert.True(weeks.Count(c => c > 0) >= 8, $"fewer than 8 weeks with observations: {string.Join(", ", weeks)}");
        // This quarter's round is open (it shows only progress); the card reads the last quarter's, which has closed.
        var rounds = (await steward.Get($"/api/alliances/{Ashworth}/check-ins"))!.AsArray();
        Assert.Equal((QuarterTitle(today), "open"), (rounds[0]!["title"]!.GetValue<string>(), rounds[0]!["status"]!.GetValue<string>()));
        Assert.Equal(QuarterTitle(today.AddMonths(-3)), dashboard["relationalHealth"]!["latestCheckInTitle"]!.GetValue<string>());

        var map = (await steward.Get($"/api/alliances/{Ashworth}/maps"))!["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
        var sessions = (await steward.Get($"/api/alliances/{Ashworth}/maps/{map}/sessions"))!.AsArray();
        Assert.InRange(sessions.Max(s => DateOnly.Parse(s!["heldOn"]!.GetValue<string>())), today.AddDays(-42), today);
    }

    private static string QuarterTitle(DateOnly day) =>
        $"{new[] { "First", "Second", "Third", "Fourth" }[(day.Month - 1) / 3]} quarter {day.Year} check-in";

    /// <summary>Loads the demo as the service would (twice, as a second start would), on the service's clock.</summary>
    private async Task LoadTheDemo()
    {
        var seed = new DemoSeed(Store, new ConfigurationBuilder().Build(), Host.Services.GetRequiredService<TimeProvider>(), NullLogger<DemoSeed>.Instance);
        await seed.StartAsync(CancellationToken.None);
        await seed.StartAsync(CancellationToken.None);
        await CatchUpProjections();
    }
}
