using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// Closing a learning review or a check-in round cannot be undone, so on a phone it asks first, as removing a member
/// does: the question says what will happen in plain words and warns when the period has not ended or nobody has
/// reflected; "No, keep it open" changes nothing; only "Yes, close …" closes it, and the confirmation says so at the top.
/// </summary>
public sealed class when_closing_asks_first(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Alliance => $"/alliances/{browser.Demo.Alliance.Id}";

    [Fact]
    public async Task closing_a_review_before_its_period_ends_asks_and_warns_then_closes_only_on_yes()
    {
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        var title = $"Review cut short {Guid.NewGuid():N}";
        var ends = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1);
        await page.GotoAsync($"{Alliance}/reviews/open");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("The period it looks back on starts").FillAsync(ends.AddMonths(-3).ToString("yyyy-MM-dd"));
        await page.GetByLabel("and ends").FillAsync(ends.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        await page.GetByLabel("What will change").FillAsync("Tenants chair the quarterly meeting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the adaptation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Adaptation recorded.");

        var close = page.GetByRole(AriaRole.Region, new() { Name = "When the review is done" });
        string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        await close.Locator("summary", new() { HasText = "Close the review" }).ClickAsync();
        await Expect(close).ToContainTextAsync($"Its period has not ended yet: it runs until {Day(ends)}.");
        await Expect(close).ToContainTextAsync("Nobody has added a reflection yet: closed now, it will have none.");
        await Expect(close).ToContainTextAsync($"Close “{title}”? It looks back on {Day(ends.AddMonths(-3))} to {Day(ends)} and has 0 reflections and 1 adaptation. " +
            "A closed review cannot be reopened");
        await Expect(close).ToContainTextAsync("what you write below as its summary is final");
        await Shots.TakeAsync(page, "review-close-asks-phone");
        await page.AssertAccessibleAsync();
        await Expect(page.Locator("p.meta", new() { HasText = "Looking back on" })).ToContainTextAsync("· open");

        await close.GetByLabel(new Regex("^What the review concluded")).FillAsync("Not finished yet.");
        await close.GetByRole(AriaRole.Link, new() { Name = "No, keep it open" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("p.meta", new() { HasText = "Looking back on" })).ToContainTextAsync("· open");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" })).ToBeVisibleAsync();
        await Expect(close.GetByRole(AriaRole.Button, new() { Name = "Yes, close the review" })).ToBeHiddenAsync();

        await close.Locator("summary", new() { HasText = "Close the review" }).ClickAsync();
        await close.GetByLabel(new Regex("^What the review concluded")).FillAsync("We stopped early.");
        await close.GetByRole(AriaRole.Button, new() { Name = "Yes, close the review" }).ClickAsync();
        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToHaveTextAsync($"“{title}” is closed; its summary is final. Progress on its adaptations can still be recorded.");
        await Expect(status).ToBeInViewportAsync();
        await Expect(page.Locator("p.meta", new() { HasText = "Looking back on" })).ToContainTextAsync("· closed");
        await Expect(page.GetByText("We stopped early.")).ToBeVisibleAsync();
        await Expect(page.Locator("summary", new() { HasText = "Close the review" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task closing_a_check_in_round_says_how_many_answered_and_closes_only_on_yes()
    {
        const string title = "Spring 2026 check-in";
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await CheckInRounds.OpenAsync(page, browser.Demo.Alliance.Id, title, "2026-04-01", "2026-06-30");
        var summaryPage = page.Url.Split('?')[0];

        var close = page.GetByRole(AriaRole.Region, new() { Name = "When everyone has had their say" });
        await close.Locator("summary", new() { HasText = "Close the round" }).ClickAsync();
        await Expect(close).ToContainTextAsync($"Close “{title}”? 0 of 6 have answered. Once it is closed nobody can answer it or change their answers, " +
            "and it cannot be reopened: the answers given so far are final.");
        await Expect(close).Not.ToContainTextAsync("Its period has not ended yet");
        await Shots.TakeAsync(page, "check-in-close-asks-phone");
        await page.AssertAccessibleAsync();
        await Expect(page.Locator("p.meta", new() { HasText = "to 30 Jun 2026" })).ToContainTextAsync("round open");

        await close.GetByRole(AriaRole.Link, new() { Name = "No, keep it open" }).ClickAsync();
        await Expect(page.Locator("p.meta", new() { HasText = "to 30 Jun 2026" })).ToContainTextAsync("round open");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Answer now" })).ToBeVisibleAsync();
        await Expect(close.GetByRole(AriaRole.Button, new() { Name = "Yes, close the round" })).ToBeHiddenAsync();
        Assert.Equal(summaryPage, page.Url.Split('?')[0]);

        await close.Locator("summary", new() { HasText = "Close the round" }).ClickAsync();
        await close.GetByRole(AriaRole.Button, new() { Name = "Yes, close the round" }).ClickAsync();
        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToHaveTextAsync($"“{title}” is closed: 0 people answered, and those answers are final.");
        await Expect(status).ToBeInViewportAsync();
        await Expect(page.Locator("p.meta", new() { HasText = "to 30 Jun 2026" })).ToContainTextAsync("round closed");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Answer now" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }
}
