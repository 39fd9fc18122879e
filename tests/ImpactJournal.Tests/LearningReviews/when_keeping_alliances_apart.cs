using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.LearningReviews;

public sealed class when_keeping_alliances_apart(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task indicators_and_reviews_of_one_alliance_answer_404_through_another()
    {
        var (mine, _) = await As("apart-steward@example.org").FormAllianceWithEveryRole("apart");
        var (theirs, _) = await As("apart-steward@example.org").FormAllianceWithEveryRole("apart-other");
        var steward = As("apart-steward@example.org");
        var indicator = (await steward.Post($"/api/alliances/{mine}/indicators", new { name = "n", question = "q", unit = "count", method = "m", proposedBy = "p" })).Id();
        var review = (await steward.Post($"/api/alliances/{mine}/learning-reviews", new { title = "r", periodStart = "2025-01-01", periodEnd = "2025-02-01" })).Id();

        await steward.Get($"/api/alliances/{theirs}/indicators/{indicator}", expect: 404);
        await steward.Get($"/api/alliances/{theirs}/indicators/{indicator}/trend", expect: 404);
        await steward.Post($"/api/alliances/{theirs}/indicators/{indicator}/readings", new { value = 1, observedOn = "2025-01-01" }, expect: 404);
        await steward.Post($"/api/alliances/{theirs}/indicators/{indicator}/adoption", new { adoptedOn = "2025-01-01" }, expect: 404);
        await steward.Get($"/api/alliances/{theirs}/learning-reviews/{review}", expect: 404);
        await steward.Get($"/api/alliances/{theirs}/learning-reviews/{review}/summary", expect: 404);
        await steward.Post($"/api/alliances/{theirs}/learning-reviews/{review}/reflections", new { kind = "noticed", text = "x" }, expect: 404);
        Assert.Empty((await steward.Get($"/api/alliances/{theirs}/indicators"))!["items"]!.AsArray());
        Assert.Empty((await steward.Get($"/api/alliances/{theirs}/learning-reviews"))!["items"]!.AsArray());
        Assert.Single((await steward.Get($"/api/alliances/{mine}/indicators"))!["items"]!.AsArray());
    }
}
