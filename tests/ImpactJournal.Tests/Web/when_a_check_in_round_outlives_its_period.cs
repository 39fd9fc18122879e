using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A round whose period has ended but that is still open: the steward is reminded to close it, on the check-ins list and
/// on the Overview; a partner who has not answered it sees it on their Overview (on a phone), and not once they have.
/// </summary>
public sealed class when_a_check_in_round_outlives_its_period(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Alliance => $"/alliances/{browser.Demo.Alliance.Id}";

    [Fact]
    public async Task the_steward_is_reminded_to_close_it_and_those_who_have_not_answered_see_it_on_their_overview()
    {
        const string title = "Summer 2025 check-in";
        await using var stewardContext = await browser.NewContextAsync(1280, 900);
        var steward = await stewardContext.NewPageAsync();
        await steward.SignInAsync("Priya Natarajan");
        await CheckInRounds.OpenAsync(steward, browser.Demo.Alliance.Id, title, "2025-07-01", "2025-09-30");

        await steward.GotoAsync($"{Alliance}/check-ins");
        var card = steward.Locator(".cards li", new() { HasText = title });
        await Expect(card).ToContainTextAsync("Its period ended on 30 Sep 2025 and it is still open.");
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = $"Close “{title}”" })).ToBeVisibleAsync();
        await steward.AssertAccessibleAsync();

        await steward.GotoAsync(Alliance);
        var toClose = steward.GetByRole(AriaRole.Region, new() { Name = "Check-in rounds to close" });
        await Expect(toClose).ToContainTextAsync($"“{title}” asked about 1 Jul 2025 to 30 Sep 2025; that period has ended and the round is still open.");
        await steward.AssertAccessibleAsync();

        await using var partnerContext = await browser.NewContextAsync(390, 844);
        var partner = await partnerContext.NewPageAsync();
        await partner.SignInAsync("Leah Brennan");
        var waiting = partner.GetByRole(AriaRole.Region, new() { Name = "Check-ins waiting for your answers" });
        await Expect(waiting).ToContainTextAsync(title);
        await Expect(partner.GetByRole(AriaRole.Region, new() { Name = "Check-in rounds to close" })).ToHaveCountAsync(0);
        await partner.AssertAccessibleAsync();
        await waiting.Locator("li", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = "Answer now" }).ClickAsync();
        var commitment = browser.Demo.Alliance.Imperatives[0].Text;
        await partner.GetByRole(AriaRole.Group, new() { Name = commitment }).Locator("label", new() { HasText = "Sometimes" }).ClickAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answers are saved");

        await partner.GotoAsync(Alliance);
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = browser.Demo.Alliance.Name, Level = 1 })).ToBeVisibleAsync();
        await Expect(partner.Locator("li", new() { HasText = title })).ToHaveCountAsync(0);
    }
}
