using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A partner, on a phone, comes back to a check-in they answered without an example and adds one: who may read it is
/// already chosen (the alliance, as on "What did you notice?"), and were no one chosen the error names the commitment.
/// </summary>
public sealed class when_a_partner_gives_a_check_in_example(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Alliance => $"/alliances/{browser.Demo.Alliance.Id}";

    [Fact]
    public async Task an_example_added_later_is_for_the_alliance_unless_chosen_otherwise_and_errors_name_the_commitment()
    {
        const string title = "Spring 2026 check-in";
        await using (var stewardContext = await browser.NewContextAsync())
        {
            var steward = await stewardContext.NewPageAsync();
            await steward.SignInAsync("Priya Natarajan");
            await CheckInRounds.OpenAsync(steward, browser.Demo.Alliance.Id, title, "2026-01-01", "2026-03-31");
        }

        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await page.GotoAsync($"{Alliance}/check-ins");
        await page.Locator(".cards li", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Answer now" }).ClickAsync();
        var commitment = browser.Demo.Alliance.Imperatives[0].Text;
        var group = page.GetByRole(AriaRole.Group, new() { Name = commitment });
        await group.Locator("label", new() { HasText = "Mostly" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answers are saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "Change your answers" }).ClickAsync();
        await group.GetByText("Add an example, or what would help").ClickAsync();
        await group.GetByLabel(new Regex("^When did it hold, or break")).FillAsync("We rang each other before the panel, not after.");
        var forTheAlliance = group.GetByLabel(new Regex("^People working in the alliance"));
        await Expect(forTheAlliance).ToBeCheckedAsync();
        await page.AssertAccessibleAsync();

        // A form that comes back with no one chosen (a page kept open from before): the error says which commitment.
        await forTheAlliance.EvaluateAsync("radio => radio.checked = false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
        var words = $"Choose who may read your example for “{commitment}”.";
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(words);
        await Expect(group.Locator(".error")).ToHaveTextAsync(words);
        await Expect(page.GetByText("Required; one of")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await group.GetByLabel(new Regex("^People working in the alliance")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answers are saved");
    }
}
