using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// What a walk through the app found in its lists (issue 31's closing walk): the reviews list counted in words, the
/// teller's role as they gave it (no "a staff"), and a story's keep-until date the British way.
/// </summary>
public sealed class when_people_read_stories_and_reviews_in_plain_words(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Home => $"/alliances/{browser.Demo.Alliance.Id}";

    [Fact]
    public async Task the_reviews_list_counts_reflections_and_adaptations_in_words()
    {
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        await page.GotoAsync($"{Home}/reviews");
        var review = browser.Demo.LearningReviews![1];
        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = review.Title }) });
        await Expect(card).ToContainTextAsync("2 reflections, 1 adaptation");
        Assert.DoesNotContain("(s)", await page.InnerTextAsync("main"));
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task a_story_says_who_told_it_as_they_said_it_and_keeps_until_a_british_date()
    {
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");

        // The demo's stories are told by "staff" and by "a young person": never "a staff".
        await page.GotoAsync($"{Home}/stories");
        var main = await page.InnerTextAsync("main");
        Assert.DoesNotMatch(new Regex(@"\ba staff\b"), main);
        await Expect(page.GetByText(new Regex(@"^Teller: staff · told on \d{1,2} \w{3} \d{4} · ")).First).ToBeVisibleAsync();

        var title = $"The kettle club {Guid.NewGuid():N}";
        var keepUntil = DateTime.UtcNow.Date.AddYears(2);
        await page.GotoAsync($"{Home}/stories/tell");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("The story").FillAsync("We started making tea for whoever waited; now people wait together.");
        await page.GetByLabel(new Regex("^Who is telling it")).FillAsync("staff");
        await page.GetByLabel(new Regex("^A person who cared")).FillAsync("50");
        await page.GetByLabel(new Regex("^A service that worked")).FillAsync("20");
        await page.GetByLabel(new Regex("^My own determination")).FillAsync("30");
        await page.GetByLabel(new Regex("^Keep it until")).FillAsync(keepUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the story" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        var facts = page.Locator("dl.facts").First;
        await Expect(facts).ToContainTextAsync("staff, for Northfield Community Food Hub");
        Assert.DoesNotMatch(new Regex(@"\ba staff\b"), await facts.InnerTextAsync());
        await Expect(facts).ToContainTextAsync($"until {keepUntil.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        Assert.DoesNotMatch(new Regex(@"\d{4}-\d{2}-\d{2}"), await page.InnerTextAsync("main"));
        await page.AssertAccessibleAsync();
    }
}
