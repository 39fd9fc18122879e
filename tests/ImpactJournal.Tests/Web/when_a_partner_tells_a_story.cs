using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A partner tells stories on a phone with the alliance's signification framework: the triad's marker
/// placed by tapping in the triangle, and by typing three numbers; mistakes shown beside the field with
/// everything typed kept; a panel records its selection; consent withdrawn erases the story.
/// </summary>
public sealed class when_a_partner_tells_a_story(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(2)>";

    [Fact]
    public async Task the_triad_is_placed_by_tapping_the_triangle()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await page.OpenMenuAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Stories" }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Tell a story" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tell a story" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var title = $"The day the van came back {Guid.NewGuid():N}";
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("The story").FillAsync("When the van broke down nobody could get to the hub; the co-op lent theirs.");
        await page.GetByLabel(new Regex("^Who is telling it")).FillAsync("volunteer driver");

        // Tap the triangle's top corner: the story is wholly "A person who cared".
        var triangle = page.Locator("svg.triangle").First;
        await triangle.ScrollIntoViewIfNeededAsync();
        var box = (await triangle.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width * 160 / 320, box.Y + box.Height * 32 / 290);
        await Expect(page.GetByLabel(new Regex("^A person who cared"))).ToHaveValueAsync(new Regex("^(9[89]|100)$"));
        await Expect(page.GetByText(new Regex("^Adds up to 100 %\\.$"))).ToBeVisibleAsync();

        // Then drag the marker to the bottom-right corner: "My own determination".
        await page.Mouse.MoveAsync(box.X + box.Width * 160 / 320, box.Y + box.Height * 32 / 290);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 200 / 320, box.Y + box.Height * 150 / 290, new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + box.Width * 288 / 320, box.Y + box.Height * 254 / 290, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Expect(page.GetByLabel(new Regex("^My own determination"))).ToHaveValueAsync(new Regex("^(9[5-9]|100)$"));

        await page.GetByLabel(new Regex("^How much say did you have")).FillAsync("80");
        await page.GetByLabel("hopeful").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the story" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("My own determination (9[5-9]|100) %") })).ToBeVisibleAsync();
        await Expect(page.GetByText("80 % of the way from “None at all” to “It was my decision”")).ToBeVisibleAsync();
        await Expect(page.GetByText("hopeful", new() { Exact = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Going back and saving the same form again makes no second story.
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the story" }).ClickAsync();
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task by_keyboard_the_triad_is_three_numbers_and_mistakes_keep_what_was_typed()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Leah Brennan");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories/tell");

        var title = $"Back at college {Guid.NewGuid():N} {Hostile}";
        var narrative = $"I had not been inside a classroom in twenty years. {Hostile}";
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("The story").FillAsync(narrative);
        await page.GetByLabel(new Regex("^A person who cared")).FocusAsync();
        await page.Keyboard.TypeAsync("50");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("20");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("20");
        await Expect(page.GetByText("Adds up to 90 % — it needs to be 100 %.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the story" }).ClickAsync();

        await Expect(page.Locator("#triads-0-error")).ToHaveTextAsync("The three numbers must add up to 100 %; they add up to 90 %.");
        await Expect(page.Locator("#tellerrole-error")).ToContainTextAsync("Say who is telling it");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync(title);
        await Expect(page.GetByLabel("The story")).ToHaveValueAsync(narrative);
        await Expect(page.GetByLabel(new Regex("^A person who cared"))).ToHaveValueAsync("50");
        await page.AssertAccessibleAsync();

        await page.GetByLabel(new Regex("^Who is telling it")).FillAsync("resident");
        await page.GetByLabel(new Regex("^My own determination")).FillAsync("30");
        await page.GetByLabel(new Regex("^My own determination")).PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("A person who cared: 50 % · A service that worked: 20 % · My own determination: 30 %")).ToBeVisibleAsync();
        await Expect(page.GetByText("How much say did you have in what happened?")).ToHaveCountAsync(0);

        // The teller is not offered the panel's job: those who run panels (a facilitator here) record the selection.
        await Expect(page.GetByText("No panel has selected this story yet.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Record a panel's selection" })).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Which panel chose it?")).ToHaveCountAsync(0);
        await using (var facilitatorContext = await browser.NewContextAsync(1280, 900))
        {
            var facilitator = await facilitatorContext.NewPageAsync();
            await facilitator.SignInAsync("Grace Oduya");
            await facilitator.GotoAsync(page.Url);
            await facilitator.GetByLabel("Which panel chose it?").FillAsync($"Spring story panel {Hostile}");
            await facilitator.GetByLabel("Why did the panel choose it?").FillAsync("It shows confidence returning, which no indicator of ours shows.");
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Record the selection" }).ClickAsync();
            await Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("selection and its reasons are recorded");
            await facilitator.AssertAccessibleAsync();
        }
        await page.ReloadAsync();
        await Expect(page.GetByText($"Spring story panel {Hostile}")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Yes, erase this story").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw consent and erase" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Consent withdrawn");
        await Expect(page.GetByText(narrative)).ToHaveCountAsync(0);
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories");
        await Expect(page.GetByText(title)).ToHaveCountAsync(0);
    }
}
