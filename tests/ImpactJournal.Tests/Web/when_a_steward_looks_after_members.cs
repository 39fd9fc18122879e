using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A steward looks after the alliance: members (added with a role, removed, the last steward kept), the shared
/// purpose with its history, partners, imperatives and the signification framework.
/// </summary>
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
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Members and their roles" }).ClickAsync();
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

    [Fact]
    public async Task purpose_partners_imperatives_and_the_framework_are_kept_with_their_history()
    {
        const string hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(2)>";
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alliance settings", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var before = await page.GetByLabel(new Regex("^What the alliance is for")).InputValueAsync();
        var purpose = $"Nobody in Ashworth faces multiple disadvantage alone {Guid.NewGuid():N}";
        await page.GetByLabel(new Regex("^What the alliance is for")).FillAsync(purpose);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the purpose" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Shared purpose saved");
        await page.GetByText(new Regex("^Earlier wordings")).ClickAsync();
        await Expect(page.GetByText(before, new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add the partner" }).ClickAsync();
        await Expect(page.Locator("#partnername-error")).ToHaveTextAsync("Write the organisation's name.");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Ashworth Credit Union {hostile}");
        await page.GetByLabel("Kind of organisation").SelectOptionAsync(new SelectOptionValue { Label = "Co-operative" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the partner" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Partner added.");
        await Expect(page.GetByText($"Ashworth Credit Union {hostile}")).ToBeVisibleAsync();

        await page.GetByLabel("Add a commitment").FillAsync($"We share information before we are asked {hostile}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the commitment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Commitment added.");
        await Expect(page.GetByText($"We share information before we are asked {hostile}")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "The signification framework" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signification framework", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var addDyad = page.GetByRole(AriaRole.Group, new() { Name = "Add a dyad" });
        await addDyad.GetByLabel("Question").FillAsync("How connected do you feel to your neighbours?");
        await addDyad.GetByLabel("Left pole").FillAsync("Not at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        await Expect(page.Locator("#dyads-1-right-error")).ToBeVisibleAsync();
        var newDyad = page.GetByRole(AriaRole.Group, new() { Name = "Dyad: How connected do you feel to your neighbours?" });
        await Expect(newDyad.GetByLabel("Question")).ToHaveValueAsync("How connected do you feel to your neighbours?");
        await page.AssertAccessibleAsync();
        await newDyad.GetByLabel("Right pole").FillAsync("Like family");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as version 2.");

        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories/tell");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "How connected do you feel to your neighbours?" })).ToBeVisibleAsync();
    }
}
