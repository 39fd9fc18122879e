using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// On a phone (390×844): a partner makes an invitation to a check-in round; a resident opens the link with no account,
/// answers by tapping, gets a reference code, reads their answers back with the code alone and takes them back while the
/// round is open. Another resident does the same with the keyboard alone. Every page axe-clean; the round counts the
/// residents' answers and forgets the ones taken back.
/// </summary>
public sealed class when_a_resident_answers_a_check_in_by_invitation(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private Guid Alliance => browser.Demo.Alliance.Id;
    private string First => browser.Demo.Alliance.Imperatives[0].Text;
    private string Second => browser.Demo.Alliance.Imperatives[1].Text;

    private async Task<(Guid Round, string Link)> InvitedToARoundAsync(string purpose)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var api = Steward();
        var opened = await api.PostAsJsonAsync($"/api/alliances/{Alliance}/check-ins",
            new { title = "Winter check-in", periodStart = today.AddDays(-30), periodEnd = today.AddDays(30) });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var round = (await opened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        await using var partnerContext = await browser.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        await partner.SignInAsync("Dan Mercer");
        await partner.GotoAsync($"/alliances/{Alliance}/invitations/new");
        await partner.GetByLabel(new Regex("^What are you asking")).FillAsync(purpose);
        await partner.GetByLabel("answer a check-in round").CheckAsync();
        await partner.GetByLabel(new Regex("^Which check-in round")).SelectOptionAsync(round.ToString());
        await partner.GetByLabel("How many times may it be used?").FillAsync("5");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Make the invitation" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Your invitation" })).ToBeVisibleAsync();
        await Expect(partner.GetByRole(AriaRole.Img, new() { Name = "QR code of the invitation's link" })).ToBeVisibleAsync();
        await partner.AssertAccessibleAsync();
        await Shots.TakeAsync(partner, "check-in-invitation-made-phone");
        return (round, (await partner.Locator(".card-link code").TextContentAsync())!.Trim());
    }

    private async Task<int> ResidentsCountedAsync(Guid round)
    {
        using var api = Steward();
        return (await api.GetFromJsonAsync<JsonObject>($"/api/alliances/{Alliance}/check-ins/{round}/summary"))!["residents"]!.GetValue<int>();
    }

    /// <summary>
    /// The answers' words that do not sit whole in their box, measured: a word cut over two lines ("Someti / mes") has
    /// two boxes, and one wider than its answer spills out of it.
    /// </summary>
    private static Task<string[]> BrokenWordsAsync(IPage page) => page.EvaluateAsync<string[]>(@"() =>
        [...document.querySelectorAll('.check-in .scale label')].flatMap(label => {
          const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
          const broken = [];
          for (let text = walker.nextNode(); text; text = walker.nextNode())
            for (const word of text.data.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(text, word.index);
              range.setEnd(text, word.index + word[0].length);
              const boxes = range.getClientRects(), edge = label.getBoundingClientRect();
              if (boxes.length !== 1 || boxes[0].left < edge.left || boxes[0].right > edge.right) broken.push(word[0]);
            }
          return broken;
        })");

    private static string CodeOn(string text) => Regex.Match(text, "[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;

    [Fact]
    public async Task a_resident_answers_by_tapping_reads_the_answers_with_the_code_and_takes_them_back_while_the_round_is_open()
    {
        const string purpose = "How are we doing at the Tuesday meal?";
        var (round, link) = await InvitedToARoundAsync(purpose);

        await using var residentContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.Service.Address.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true
        });
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync(link);
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = purpose, Level = 1 })).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        Assert.Empty(await BrokenWordsAsync(resident));
        await Shots.TakeAsync(resident, "resident-check-in-phone");
        await resident.GetByRole(AriaRole.Group, new() { Name = First }).Locator("label", new() { HasText = "Rarely" }).TapAsync();
        await resident.GetByRole(AriaRole.Group, new() { Name = Second }).Locator("label", new() { HasText = "Can't say" }).TapAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).TapAsync();

        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your answers" })).ToBeVisibleAsync();
        var code = CodeOn((await resident.Locator(".reference-code").TextContentAsync())!);
        Assert.NotEmpty(code);
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-check-in-code-phone");
        Assert.Equal(1, await ResidentsCountedAsync(round));

        await resident.GotoAsync("/r");
        await resident.GetByLabel(new Regex("^Your reference code")).FillAsync(code.ToLowerInvariant());
        await resident.GetByRole(AriaRole.Button, new() { Name = "See what I sent" }).TapAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "Your answers", Level = 1 })).ToBeVisibleAsync();
        await Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("counted");
        var answers = resident.Locator(".resident-answers");
        await Expect(answers.Locator("dt")).ToHaveTextAsync([First, Second]);
        await Expect(answers.Locator("dd")).ToHaveTextAsync(["Rarely", "Can't say"]);
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-check-in-answers-phone");

        await resident.GetByLabel("I want to take my answers back").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Take my answers back" }).TapAsync();
        await Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("taken back");
        await Expect(resident.GetByRole(AriaRole.Button, new() { Name = "Take my answers back" })).ToHaveCountAsync(0);
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-check-in-taken-back-phone");
        Assert.Equal(0, await ResidentsCountedAsync(round));

        // The same pages on a laptop, for the screenshots a newcomer reads.
        await using var desk = await browser.NewContextAsync(1280, 900);
        var laptop = await desk.NewPageAsync();
        await laptop.GotoAsync(link);
        await Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = purpose, Level = 1 })).ToBeVisibleAsync();
        await laptop.AssertAccessibleAsync();
        Assert.Empty(await BrokenWordsAsync(laptop));
        await Shots.TakeAsync(laptop, "resident-check-in-desktop");
        await laptop.GotoAsync("/r");
        await laptop.GetByLabel(new Regex("^Your reference code")).FillAsync(code);
        await laptop.GetByRole(AriaRole.Button, new() { Name = "See what I sent" }).ClickAsync();
        await Expect(laptop.GetByRole(AriaRole.Status)).ToContainTextAsync("taken back");
        await Shots.TakeAsync(laptop, "resident-check-in-taken-back-desktop");
    }

    [Fact]
    public async Task a_resident_answers_reads_back_and_takes_back_with_the_keyboard_alone()
    {
        const string purpose = "Tell us how the youth club is going";
        var (round, link) = await InvitedToARoundAsync(purpose);

        await using var residentContext = await browser.NewContextAsync();
        var page = await residentContext.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = purpose, Level = 1 })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();

        async Task TabTo(ILocator target)
        {
            for (var i = 0; i < 40 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++) await page.Keyboard.PressAsync("Tab");
            await Expect(target).ToBeFocusedAsync();
        }
        var first = page.GetByRole(AriaRole.Group, new() { Name = First });
        await TabTo(first.GetByRole(AriaRole.Radio).First);
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(first.GetByLabel("Sometimes")).ToBeCheckedAsync();
        await Expect(first.GetByLabel("Sometimes")).ToBeFocusedAsync();
        await TabTo(page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your answers" })).ToBeVisibleAsync();
        var code = CodeOn((await page.Locator(".reference-code").TextContentAsync())!);
        Assert.Equal(1, await ResidentsCountedAsync(round));

        await page.GotoAsync("/r");
        await TabTo(page.GetByLabel(new Regex("^Your reference code")));
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("counted");
        await Expect(page.Locator(".resident-answers dd")).ToHaveTextAsync(["Sometimes"]);
        await TabTo(page.GetByLabel("I want to take my answers back"));
        await page.Keyboard.PressAsync("Space");
        await TabTo(page.GetByRole(AriaRole.Button, new() { Name = "Take my answers back" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("taken back");
        Assert.Equal(0, await ResidentsCountedAsync(round));
    }

    private HttpClient Steward()
    {
        var client = new HttpClient { BaseAddress = browser.Service.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(browser.Demo.Members.First(m => m.DisplayName == "Priya Natarajan").Subject));
        return client;
    }
}
