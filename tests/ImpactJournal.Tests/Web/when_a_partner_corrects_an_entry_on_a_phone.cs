using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A partner corrects an entry on a phone: when, where, capitals and whether it strengthens or wears away, and makes
/// who may read it narrower (never wider); the history then shows each version's words. Retracting and erasing sit
/// apart from amending, each behind a step that says plainly what will happen.
/// </summary>
public sealed class when_a_partner_corrects_an_entry_on_a_phone(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task every_correction_is_kept_in_the_history_and_the_audience_only_narrows()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Sam Okafor");
        var first = $"The tenants' meeting moved to the library {Guid.NewGuid():N}";
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/notice");
        await page.GetByLabel("What happened?").FillAsync(first);
        await page.GetByLabel(new Regex("^Where")).FillAsync("The community centre");
        await page.GetByLabel(new Regex("^Social")).CheckAsync();
        await page.GetByLabel("Some of both").CheckAsync();
        await page.GetByLabel(new Regex("^Anyone")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = first }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Entry", Level = 1 })).ToBeVisibleAsync();
        await Shots.TakeAsync(page, "entry-amend-phone");

        // Only the same or a narrower audience is offered, and the page says why.
        var amend = page.Locator("form:has(button:text('Save the amendment'))");
        await Expect(amend.GetByLabel(new Regex("^Anyone"))).ToBeCheckedAsync();
        await Expect(amend.GetByText("can be made narrower")).ToBeVisibleAsync();
        await Expect(amend.GetByText(new Regex("cannot change"))).ToBeVisibleAsync();

        var second = $"The tenants' meeting moved to the library; twelve came {Guid.NewGuid():N}";
        await amend.GetByLabel("What happened").FillAsync(second);
        await amend.GetByLabel(new Regex("^When")).FillAsync("2026-11-02T18:30");
        await amend.GetByLabel(new Regex("^Where")).FillAsync("Ashworth Library");
        await amend.GetByLabel(new Regex("^Built")).CheckAsync();
        await amend.GetByLabel("It strengthens what people value").CheckAsync();
        await amend.GetByLabel(new Regex("^Those, and the commissioners")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Amended");
        var history = page.Locator("section[aria-labelledby='history']");
        await Expect(history.GetByText(first)).ToBeVisibleAsync();
        await Expect(history.GetByText(second)).ToBeVisibleAsync();
        await Expect(history).ToContainTextAsync("The community centre");
        await Expect(history).ToContainTextAsync("Ashworth Library");
        await Expect(history).ToContainTextAsync("2 Nov 2026, 18:30");
        await Expect(history).ToContainTextAsync("Built");
        await Expect(history).ToContainTextAsync("It strengthens what people value");
        await Expect(history).ToContainTextAsync("the alliance and its commissioners");
        // Now narrowed, "anyone" is no longer on offer.
        await Expect(amend.GetByLabel(new Regex("^Anyone"))).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        // Retracting and erasing are apart from amending, folded behind a step that says what will happen.
        var apart = page.Locator("section[aria-labelledby='retract-or-erase']");
        await Expect(apart.GetByRole(AriaRole.Heading, new() { Name = "Retract or erase" })).ToBeVisibleAsync();
        await Expect(amend.GetByRole(AriaRole.Button, new() { Name = "Withdraw consent and erase" })).ToHaveCountAsync(0);
        var erase = apart.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw consent and erase it" });
        await Expect(erase).Not.ToBeVisibleAsync();
        await apart.GetByText("Withdraw consent and erase…").ClickAsync();
        await Expect(apart.GetByText("every earlier version")).ToBeVisibleAsync();
        await Expect(erase).ToBeVisibleAsync();
        await apart.GetByText("Retract this entry…").ClickAsync();
        await Expect(apart.GetByText("It leaves every list and count")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await apart.GetByLabel("Why retract it?").FillAsync("Logged twice by mistake");
        await apart.GetByRole(AriaRole.Button, new() { Name = "Yes, retract it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Retracted");
        await Shots.TakeAsync(page, "entry-retracted-phone");
    }
}
