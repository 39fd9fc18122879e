using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>A steward adds a member with a role, removes them again, and cannot remove the last steward.</summary>
public sealed class when_a_steward_looks_after_members(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task a_member_is_added_and_removed_and_the_last_steward_stays()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel(new Regex("^Priya Natarajan")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Jo <b>Newman</b>");
        await page.GetByLabel(new Regex("^Sign-in identity")).FillAsync("jo@ashworth.example");
        await page.GetByLabel(new Regex("^Partner — ")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByText("Choose the partner organisation this person works for.").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Jo <b>Newman</b>");

        await page.GetByLabel(new Regex("^Partner organisation")).SelectOptionAsync(new SelectOptionValue { Label = "Open Door Recovery CIC" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Member added.");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Jo <b>Newman</b> jo@ashworth.example" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Jo <b>Newman</b>" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Member removed.");
        await Expect(page.GetByText("jo@ashworth.example")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Priya Natarajan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Add another steward before removing this one.");
    }
}
