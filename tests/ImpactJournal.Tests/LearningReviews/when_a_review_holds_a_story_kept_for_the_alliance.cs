using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.LearningReviews;

/// <summary>A review's summary and evidence tell a commissioner nothing of a story given for the alliance only.</summary>
public sealed class when_a_review_holds_a_story_kept_for_the_alliance(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "rvk-steward@example.org";
    private const string Partner = "rvk-partner@example.org";
    private const string Facilitator = "rvk-facilitator@example.org";
    private const string Commissioner = "rvk-commissioner@example.org";

    [Fact]
    public async Task a_commissioner_learns_nothing_of_it_in_any_format()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("rvk");
        var story = (await As(Partner).Post($"/api/alliances/{a}/stories", new
        {
            title = "Kept in the alliance", narrative = "Only partners may read this.", tellerRole = "resident",
            toldOn = DateTime.UtcNow.ToString("yyyy-MM-dd"), consent = new { scope = "alliance", identifiable = true }
        })).Id();
        await As(Facilitator).Post($"/api/alliances/{a}/stories/{story}/selections", new { panel = "Residents' panel", reason = "It mattered." });
        var review = (await As(Facilitator).Post($"/api/alliances/{a}/learning-reviews", new
        {
            title = "This quarter", periodStart = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd"),
            periodEnd = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), questions = new[] { "What changed?" }
        })).Id();
        await CatchUpProjections();

        var summary = $"/api/alliances/{a}/learning-reviews/{review}/summary";
        Assert.Contains(story.ToString(), (await As(Partner).Get(summary))!["stories"]!.ToJsonString());
        var json = (await As(Commissioner).Get(summary))!["stories"]!.ToJsonString();
        var markdown = (await As(Commissioner).SendRaw(HttpMethod.Get, $"{summary}?format=markdown", null)).Body;
        var page = (await As(Commissioner).SendRaw(HttpMethod.Get, $"/alliances/{a}/reviews/{review}", null)).Body;
        var printed = (await As(Commissioner).SendRaw(HttpMethod.Get, $"/alliances/{a}/reviews/{review}/summary", null)).Body;
        foreach (var (what, text) in new[] { ("json", json), ("markdown", markdown), ("page", page), ("summary page", printed) })
        {
            Assert.False(text.Contains(story.ToString()) || text.Contains("Residents") || text.Contains("alliance only"), $"{what}: {text}");
        }
    }
}
