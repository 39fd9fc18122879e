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

    [Fact]
    public async Task no_page_or_link_reaches_what_tellers_kept_for_the_alliance()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        var home = $"/alliances/{browser.Demo.Alliance.Id}";
        var kept = browser.Demo.Stories.Where(s => s.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance)
            .SelectMany(s => new[] { s.Title, s.Narrative })
            .Concat(browser.Demo.Observations.Where(o => o.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance).Select(o => o.Text))
            .ToList();
        Assert.NotEmpty(kept);

        // Every page a commissioner can reach by following links from the alliance's home page.
        var seen = new HashSet<string> { home };
        var queue = new Queue<string>([home]);
        while (queue.Count > 0 && seen.Count < 150)
        {
            var path = queue.Dequeue();
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status < 500, $"{path} answered {response.Status}");
            var text = await page.InnerTextAsync("body");
            foreach (var words in kept) Assert.False(text.Contains(words, StringComparison.Ordinal), $"{path} shows “{words}”");
            var links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
            foreach (var link in links.Where(l => l.StartsWith(home, StringComparison.Ordinal)).Select(l => l.Split('#')[0]))
                if (seen.Add(link)) queue.Enqueue(link);
        }
        Assert.Contains(seen, p => p.Contains("/stories/", StringComparison.Ordinal));
        Assert.Contains(seen, p => p.Contains("/maps/", StringComparison.Ordinal));

        // The stories kept for the alliance answer "not found" when asked for directly.
        foreach (var story in browser.Demo.Stories.Where(s => s.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance))
        {
            var response = await page.GotoAsync($"{home}/stories/{story.Id}");
            Assert.Equal(404, response!.Status);
            Assert.DoesNotContain(story.Narrative, await page.InnerTextAsync("body"));
        }
    }

    [Fact]
    public async Task the_ripple_map_is_a_picture_with_its_ripples_listed_beside_it()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ripple maps" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ripple maps", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Locator(".cards a").First.ClickAsync();
        var picture = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^The ripple map around") });
        await Expect(picture).ToBeVisibleAsync();
        // The test service compiles each API endpoint on its first request (production runs pre-generated code),
        // which on a busy machine can take several seconds for the picture's endpoint.
        await Expect(picture).ToHaveJSPropertyAsync("complete", true, new() { Timeout = 30_000 });
        Assert.True(await picture.EvaluateAsync<int>("img => img.naturalWidth") > 100);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Order 1" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
