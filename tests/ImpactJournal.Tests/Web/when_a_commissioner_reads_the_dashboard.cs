using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>A council officer opens the learning dashboard on a laptop: pictures, words, no targets, and nothing they may not read.</summary>
public sealed class when_a_commissioner_reads_the_dashboard(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_dashboard_draws_the_alliance_in_pictures_and_words()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel(new Regex("^Tom Whitfield")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Learning dashboard" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Learning dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Observations each week" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Capital balance" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cornerstone indicators" })).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("rising|falling|steady|not enough readings yet")).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "What did you notice?" })).ToHaveCountAsync(0);

        // Nothing a teller kept for the alliance reaches this page, whatever the picture shows.
        var text = await page.InnerTextAsync("main");
        foreach (var kept in browser.Demo.Observations.Where(o => o.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance))
            Assert.DoesNotContain(kept.Text, text);

        await page.AssertAccessibleAsync();
    }
}
