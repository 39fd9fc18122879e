using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The codebook's names suggested where themes are typed or filtered: "Tell a story" and the patterns page's theme
/// filters, on a phone and at a desk; and a theme's page as a commissioner reads it. Every page is checked with axe-core.
/// </summary>
public sealed class when_a_teller_codes_a_story_with_the_codebook(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task the_story_form_and_the_pattern_filters_suggest_the_codebooks_themes(int width, int height)
    {
        await using var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories/tell");
        await Expect(page.Locator("#theme-suggestions option[value='peer support']")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel(new Regex("^Themes"))).ToHaveAttributeAsync("list", "theme-suggestions");
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, $"tell-a-story-themes-{width}");

        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories/patterns");
        await Expect(page.Locator("#theme-suggestions option[value='peer support']")).ToHaveCountAsync(1);
        await Expect(page.Locator("input[name='theme'][list='theme-suggestions']")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, $"patterns-theme-filter-{width}", fullPage: false);

        await using var commissioners = await browser.NewContextAsync(width, height);
        page = await commissioners.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/codebook/themes/peer%20support");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Week by week" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, $"theme-page-commissioner-{width}");
    }
}
