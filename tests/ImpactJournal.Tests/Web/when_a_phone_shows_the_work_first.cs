using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A phone's first screen is for the work: at 390×844 the header keeps to a quarter of the screen, with the partner's
/// most used actions first and everything else behind one menu that opens without script and by keyboard; each
/// partner page shows its heading and its first action before any scrolling. A laptop keeps the whole list of links.
/// </summary>
public sealed class when_a_phone_shows_the_work_first(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int PhoneHeight = 844;

    private string Alliance => $"/alliances/{browser.Demo.Alliance.Id}";

    [Fact]
    public async Task each_partner_page_shows_its_heading_and_first_action_on_the_first_screen()
    {
        await using var context = await browser.NewContextAsync(390, PhoneHeight);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        var pages = new (string Address, string Heading, Func<ILocator> FirstAction)[]
        {
            ($"{Alliance}/notice", "What did you notice?", () => page.GetByLabel("What happened?")),
            ($"{Alliance}/stories/tell", "Tell a story", () => page.GetByLabel("Title")),
            ($"{Alliance}/entries", "My entries", () => page.Locator("main .entry-text a").First),
            (Alliance, browser.Demo.Alliance.Name, () => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "What did you notice?" })),
        };
        await page.GotoAsync(Alliance);
        await Shots.TakeAsync(page, "header-phone", fullPage: false);
        foreach (var (address, heading, firstAction) in pages)
        {
            await page.GotoAsync(address);
            var header = (await page.Locator("header.top").BoundingBoxAsync())!;
            output.WriteLine($"{address}: the header is {header.Height:0} px of {PhoneHeight} px");
            Assert.True(header.Height <= PhoneHeight / 4, $"{address}: the header takes {header.Height:0} px of the {PhoneHeight} px screen.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(firstAction()).ToBeInViewportAsync(new() { Ratio = 1 });
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "This alliance" });
            foreach (var action in new[] { "What did you notice?", "Tell a story", "My entries" })
                await Expect(nav.GetByRole(AriaRole.Link, new() { Name = action, Exact = true })).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Check-ins" })).ToBeHiddenAsync();
            await page.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task the_menu_opens_by_keyboard_and_its_links_work()
    {
        await using var context = await browser.NewContextAsync(390, PhoneHeight);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await page.GotoAsync($"{Alliance}/entries");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "This alliance" });
        var checkIns = nav.GetByRole(AriaRole.Link, new() { Name = "Check-ins" });
        await Expect(checkIns).ToBeHiddenAsync();

        await TabToAsync(page, "Menu");
        await page.Keyboard.PressAsync("Enter");
        await Expect(checkIns).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "header-menu-open-phone", fullPage: false);

        await TabToAsync(page, "Check-ins");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check-ins", Level = 1 })).ToBeVisibleAsync();
        await page.OpenMenuAsync();
        await Expect(checkIns).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task a_laptop_keeps_every_link_in_view_without_a_menu()
    {
        await using var context = await browser.NewContextAsync(1280, 800);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync(Alliance);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "This alliance" });
        foreach (var link in new[] { "Overview", "Learning dashboard", "What did you notice?", "My entries", "Stories", "Ripple maps", "Indicators",
                     "Learning reviews", "Check-ins", "Who works with whom", "Import", "Settings" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("summary", new() { HasText = "Menu" })).ToBeHiddenAsync();
        await page.AssertAccessibleAsync();
    }

    /// <summary>Presses Tab, as a keyboard user would, until the element with these words has the focus.</summary>
    private static async Task TabToAsync(IPage page, string words)
    {
        for (var presses = 0; presses < 30; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") == words) return;
        }
        Assert.Fail($"Tab never reached “{words}”.");
    }
}
