using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The patterns in the demo's stories: filtered by a plain form, two groups compared in words, a dot tapped to read its
/// story, the list beside a picture worked by keyboard, the projector stepped through by its keys, and a commissioner
/// who never meets an alliance-only story and reads "fewer than 5" for a small group.
/// </summary>
public sealed class when_an_alliance_makes_sense_of_its_stories(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Patterns => $"/alliances/{browser.Demo.Alliance.Id}/stories/patterns";

    private (string From, string To) LastYear()
    {
        var newest = browser.Demo.Stories.Max(s => s.ToldOn);
        return (newest.AddDays(-365).ToString("yyyy-MM-dd"), newest.ToString("yyyy-MM-dd"));
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task a_group_is_filtered_compared_with_another_and_a_tapped_dot_opens_its_story(int width, int height)
    {
        await using var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories");
        await page.GetByRole(AriaRole.Link, new() { Name = "See the patterns in the stories" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patterns in the stories", Level = 1 })).ToBeVisibleAsync();
        var everyone = browser.Demo.Stories.Count;
        await Expect(page.GetByText($"all stories: {everyone} stories.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Filter: the young people's stories that felt hopeful.
        await page.GetByLabel("Teller's role").First.FillAsync("young person");
        await page.GetByLabel("How do you feel about this story?").First.SelectOptionAsync("hopeful");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var hopeful = browser.Demo.Stories.Count(s => s.TellerRole == "young person" && s.Signifiers?.Choices.GetValueOrDefault("feeling") == "hopeful");
        await Expect(page.GetByText($"told by young person, feeling: hopeful: {hopeful} stories.")).ToBeVisibleAsync();
        await Expect(page.Locator("#first-t0-title ~ a[data-story]")).ToHaveCountAsync(hopeful);

        // Compare: every story of the last year against the year before.
        var (from, to) = LastYear();
        await page.GotoAsync($"{Patterns}?to={DateOnly.Parse(from).AddDays(-1):yyyy-MM-dd}");
        await page.GetByText("Compare with a second group").ClickAsync();
        await page.GetByLabel("Compare with these stories").CheckAsync();
        await page.Locator("#b-from").FillAsync(from);
        await page.Locator("#b-to").FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where the two groups differ" })).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("^The second group leans more towards “A person who cared”"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second group" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Tap a dot of the second group: its story opens.
        var dot = page.Locator("#second-t0-title ~ a[data-story]").First;
        var id = await dot.GetAttributeAsync("data-story");
        var title = browser.Demo.Stories.Single(s => s.Id == Guid.Parse(id!)).Title;
        await dot.ScrollIntoViewIfNeededAsync();
        await dot.Locator("circle").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task the_list_beside_a_picture_is_the_keyboards_way_to_the_stories(int width, int height)
    {
        await using var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Grace Oduya");
        await page.GotoAsync(Patterns);
        var summary = page.Locator("details.dot-list summary").First;
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var links = page.Locator("[data-dots]").First.Locator("a");
        await page.Keyboard.PressAsync("Tab");
        await Expect(links.Nth(0)).ToBeFocusedAsync();
        // Focusing a story in the list marks its dot in the picture.
        var first = await links.Nth(0).GetAttributeAsync("data-story");
        await Expect(page.Locator($"svg a.marked[data-story='{first}']").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(links.Nth(1)).ToBeFocusedAsync();
        var second = await links.Nth(1).GetAttributeAsync("data-story");
        await page.Keyboard.PressAsync("Enter");
        var title = browser.Demo.Stories.Single(s => s.Id == Guid.Parse(second!)).Title;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    [InlineData(1920, 1080)]
    public async Task the_projector_shows_one_question_at_a_time_and_its_keys_step_and_filter(int width, int height)
    {
        await using var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Grace Oduya");
        await page.GotoAsync(Patterns);
        await page.GetByRole(AriaRole.Link, new() { Name = "Show on the projector" }).ClickAsync();
        var triad = page.GetByRole(AriaRole.Heading, new() { Name = "In this story, what made the difference?" });
        var dyad = page.GetByRole(AriaRole.Heading, new() { Name = "How much say did you have in what happened?" });
        var choice = page.GetByRole(AriaRole.Heading, new() { Name = "How do you feel about this story?" });
        await Expect(triad).ToBeVisibleAsync();
        await Expect(dyad).ToBeHiddenAsync();
        await page.AssertAccessibleAsync();

        // Every label of the picture reads at least 24 px on a 1920×1080 screen.
        if (width == 1920)
        {
            var smallest = await page.EvaluateAsync<double>("""
                () => Math.min(...[...document.querySelectorAll('.projector-question:not([hidden]) svg text')].map(t => {
                    const svg = t.ownerSVGElement;
                    return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
                }))
                """);
            Assert.True(smallest >= 24, $"the smallest label is {smallest:0.#} px");
        }

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(dyad).ToBeVisibleAsync();
        await Expect(triad).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(choice).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(dyad).ToBeVisibleAsync();

        // A filter chip, reached and worked by keyboard, keeps the question shown.
        var chip = page.GetByRole(AriaRole.Link, new() { Name = "hopeful", Exact = true });
        await chip.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("choice\\.feeling=hopeful.*q=1"));
        await Expect(dyad).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "hopeful", Exact = true })).ToHaveAttributeAsync("aria-current", "true");
        var hopeful = browser.Demo.Stories.Count(s => s.Signifiers?.Choices.GetValueOrDefault("feeling") == "hopeful");
        await Expect(page.GetByText($"feeling: hopeful: {hopeful} stories")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task a_commissioner_meets_no_alliance_only_story_and_reads_fewer_than_5_for_a_small_group()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        var allianceOnly = browser.Demo.Stories.Where(s => s.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance).ToList();
        Assert.NotEmpty(allianceOnly);
        var (from, to) = LastYear();
        string[] crawl =
        [
            "", "role=young%20person", "role=staff", "choice.feeling=hopeful", "choice.feeling=frustrated", "selected=true",
            $"from={from}&to={to}", $"to={from}&compare=on&b.from={from}&b.to={to}", "role=staff&compare=on&b.role=young%20person",
            "domain=relationships", "q=1", "q=2"
        ];
        foreach (var query in crawl)
            foreach (var address in new[] { Patterns, $"{Patterns}/projector" })
            {
                await page.GotoAsync($"{address}?{query}");
                var html = await page.ContentAsync();
                foreach (var story in allianceOnly)
                {
                    Assert.DoesNotContain(story.Id.ToString(), html);
                    Assert.DoesNotContain(story.Title, html);
                }
            }

        // Frustrated stories the commissioner may read: fewer than 5, nothing drawn.
        await page.GotoAsync($"{Patterns}?choice.feeling=frustrated");
        await Expect(page.GetByText("feeling: frustrated: fewer than 5 stories. Nothing is drawn for fewer than 5 stories, because each dot is a person's story.")).ToBeVisibleAsync();
        await Expect(page.Locator("svg a[data-story]")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }
}
