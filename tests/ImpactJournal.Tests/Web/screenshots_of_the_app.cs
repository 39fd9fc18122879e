using Microsoft.Playwright;
using Xunit;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// Writes phone and desktop screenshots of the main pages to <c>SCREENSHOTS_DIR</c> (./ops/screenshots
/// sets it to docs/screenshots). Without it there is nothing to do, so ordinary test runs skip the work.
/// </summary>
public sealed class screenshots_of_the_app(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task main_pages_at_phone_and_desktop_sizes()
    {
        if (Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var alliance = $"/alliances/{browser.Demo.Alliance.Id}";
        foreach (var (size, width, height) in new[] { ("phone", 390, 844), ("desktop", 1280, 900) })
        {
            await using (var stewardContext = await browser.NewContextAsync(width, height))
            {
                var steward = await stewardContext.NewPageAsync();
                await steward.SignInAsync("Priya Natarajan");
                await steward.GotoAsync($"{alliance}/settings");
                await Shot(steward, folder, $"settings-{size}");
                await steward.GotoAsync($"{alliance}/settings/framework");
                await Shot(steward, folder, $"framework-{size}");
                await steward.GotoAsync($"{alliance}/members");
                await Shot(steward, folder, $"members-{size}");
                await steward.GotoAsync($"{alliance}/codebook");
                await Shot(steward, folder, $"codebook-{size}");
                await steward.GotoAsync(await FirstLinkAsync(steward, "main table a"));
                await Shot(steward, folder, $"codebook-theme-{size}");
                var map = $"{alliance}/maps/{browser.Demo.Maps![0].Id}";
                await steward.GotoAsync($"{map}/board");
                await Shot(steward, folder, $"board-{size}");
                await steward.GotoAsync($"{map}/board?since=last-session");
                await Shot(steward, folder, $"board-since-last-session-{size}");
                await steward.GotoAsync($"{map}/projector?capital=social");
                await Shot(steward, folder, $"projector-{size}");
                await steward.GotoAsync($"{alliance}/network");
                await Shot(steward, folder, $"network-{size}");
                await steward.GotoAsync($"{alliance}/stories/patterns");
                await Shot(steward, folder, $"story-patterns-{size}");
                var newest = browser.Demo.Stories.Max(s => s.ToldOn);
                await steward.GotoAsync($"{alliance}/stories/patterns?to={newest.AddDays(-366):yyyy-MM-dd}&compare=on&b.from={newest.AddDays(-365):yyyy-MM-dd}");
                await Shot(steward, folder, $"story-patterns-compared-{size}");
                await steward.GotoAsync($"{alliance}/stories/patterns/projector");
                await Shot(steward, folder, $"story-patterns-projector-{size}");
                var picture = await steward.Context.APIRequest.GetAsync($"/api{alliance}/network/picture");
                await File.WriteAllBytesAsync(Path.Combine(folder, "network-picture.svg"), await picture.BodyAsync());
                await steward.GotoAsync($"{alliance}/check-ins/{browser.Demo.CheckIns!.Last(c => c.Closed).Id}/summary");
                await Shot(steward, folder, $"check-in-summary-{size}");
            }
            await using var context = await browser.NewContextAsync(width, height);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/signin");
            await Shot(page, folder, $"sign-in-{size}");
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Dan Mercer")).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync($"**{alliance}");
            await Shot(page, folder, $"alliance-{size}");
            await page.GotoAsync($"{alliance}/notice");
            await Shot(page, folder, $"notice-{size}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Shot(page, folder, $"notice-mistakes-{size}");
            await page.GotoAsync($"{alliance}/entries");
            await Shot(page, folder, $"entries-{size}");
            await page.GotoAsync(await FirstLinkAsync(page, ".entry-text a"));
            await Shot(page, folder, $"entry-{size}");
            // An entry's history once amended: each version's words.
            var amend = page.Locator("form:has(button:text('Save the amendment'))");
            await amend.GetByLabel("What happened").FillAsync($"{await amend.GetByLabel("What happened").InputValueAsync()} (corrected)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).WaitForAsync();
            await Shot(page, folder, $"entry-history-{size}");
            await page.GotoAsync($"{alliance}/stories/tell");
            await Shot(page, folder, $"story-tell-{size}");
            await page.GotoAsync($"{alliance}/stories");
            await Shot(page, folder, $"stories-{size}");
            await page.GotoAsync(await FirstLinkAsync(page, ".entry-title a"));
            await Shot(page, folder, $"story-{size}");
            await page.GotoAsync($"{alliance}/check-ins/{browser.Demo.CheckIns![^1].Id}");
            await Shot(page, folder, $"check-in-{size}");
            await page.GotoAsync($"{alliance}/dashboard");
            await Shot(page, folder, $"dashboard-{size}");
            await page.GotoAsync($"{alliance}/indicators");
            await Shot(page, folder, $"indicators-{size}");
            await page.GotoAsync(await FirstLinkAsync(page, ".indicator-card a"));
            await Shot(page, folder, $"indicator-trend-{size}");
            await page.GotoAsync($"{alliance}/maps");
            await page.GotoAsync(await FirstLinkAsync(page, ".cards a"));
            await Shot(page, folder, $"map-{size}");
            await page.GotoAsync($"{alliance}/reviews");
            await Shot(page, folder, $"reviews-{size}");
            await page.GotoAsync(await FirstLinkAsync(page, ".cards a"));
            await Shot(page, folder, $"review-{size}");
            // What the period holds, unfolded (a phone folds it above the reflections).
            foreach (var section in await page.Locator(".review-evidence details").AllAsync())
                await section.EvaluateAsync("d => d.open = true");
            await Shot(page, folder, $"review-evidence-{size}");
            await page.GotoAsync(page.Url + "/summary");
            await Shot(page, folder, $"review-summary-{size}");
        }
    }

    private static async Task<string> FirstLinkAsync(IPage page, string selector) =>
        (await page.Locator(selector).First.GetAttributeAsync("href"))!;

    private static Task Shot(IPage page, string folder, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
}
