using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A steward looks after the alliance: members (added with a role, removed after asking and with an undo, their role changed), the shared
/// purpose with its history, partners, imperatives and the signification framework.
/// </summary>
public sealed class when_a_steward_looks_after_members(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// On a phone: removing asks first, naming the person and what they lose; the confirmation names who went and offers
    /// an undo that brings them back as they were; a role changes in place; the steward's own row offers neither.
    /// </summary>
    [Fact]
    public async Task removing_asks_first_says_who_went_and_can_be_undone_and_a_role_changes_in_place()
    {
        const string jo = "Jo <b>Newman</b>";
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.OpenMenuAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Members and their roles" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
        await Shots.TakeAsync(page, "members-list-phone");

        var add = page.GetByRole(AriaRole.Region, new() { Name = "Add a member" });
        await add.GetByLabel("Name", new() { Exact = true }).FillAsync(jo);
        await add.GetByLabel(new Regex("^Sign-in identity")).FillAsync("jo@ashworth.example");
        await add.GetByLabel(new Regex("^Partner — ")).CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByText("Choose the partner organisation this person works for.").First).ToBeVisibleAsync();
        await Expect(add.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(jo);
        await add.GetByLabel(new Regex("^Partner organisation")).SelectOptionAsync(new SelectOptionValue { Label = "Open Door Recovery CIC" });
        await add.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Member added: {jo}, a partner for Open Door Recovery CIC.");

        var joRow = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "jo@ashworth.example" });
        await joRow.Locator("summary", new() { HasText = "Remove" }).ClickAsync();
        await Expect(joRow.GetByText($"Remove {jo} from {browser.Demo.Alliance.Name}? They will no longer be able to sign in to it to " +
            "log what they notice, tell stories or answer check-ins for Open Door Recovery CIC.")).ToBeVisibleAsync();
        await Shots.TakeAsync(page, "members-remove-asks-phone");
        await page.AssertAccessibleAsync();
        await joRow.GetByRole(AriaRole.Button, new() { Name = $"Yes, remove {jo}" }).ClickAsync();

        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync($"{jo} was removed. They were a partner for Open Door Recovery CIC.");
        await Expect(status).ToBeInViewportAsync();
        await Expect(page.GetByText("jo@ashworth.example")).ToHaveCountAsync(0);
        await Shots.TakeAsync(page, "members-removed-with-undo-phone");
        await page.AssertAccessibleAsync();
        await status.GetByRole(AriaRole.Button, new() { Name = $"Undo: add {jo} back" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Member added: {jo}, a partner for Open Door Recovery CIC.");

        await joRow.Locator("summary", new() { HasText = "Change role" }).ClickAsync();
        await joRow.GetByLabel(new Regex("^Facilitator — ")).CheckAsync();
        await joRow.GetByRole(AriaRole.Button, new() { Name = $"Change {jo}'s role" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{jo} is now a facilitator.");
        await Expect(joRow).ToContainTextAsync("A facilitator");

        var priyaRow = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Priya Natarajan" });
        await Expect(priyaRow).ToContainTextAsync("This is you. Another steward can change your role or remove you.");
        await Expect(priyaRow.Locator("summary")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await joRow.Locator("summary", new() { HasText = "Remove" }).ClickAsync();
        await joRow.GetByRole(AriaRole.Button, new() { Name = $"Yes, remove {jo}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{jo} was removed. They were a facilitator.");
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
        var addDyad = page.GetByRole(AriaRole.Group, new() { Name = "Add a slider question" });
        await addDyad.GetByLabel("Question").FillAsync("How connected do you feel to your neighbours?");
        await addDyad.GetByLabel("Left pole").FillAsync("Not at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        await Expect(page.Locator("#dyads-1-right-error")).ToBeVisibleAsync();
        var newDyad = page.GetByRole(AriaRole.Group, new() { Name = "Slider question: How connected do you feel to your neighbours?" });
        await Expect(newDyad.GetByLabel("Question")).ToHaveValueAsync("How connected do you feel to your neighbours?");
        await page.AssertAccessibleAsync();
        await newDyad.GetByLabel("Right pole").FillAsync("Like family");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as version 2.");

        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories/tell");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "How connected do you feel to your neighbours?" })).ToBeVisibleAsync();
    }
}
