using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A steward and a facilitator open the signification framework editor at the same time. The facilitator saves first;
/// the steward's save, made from the older version, is refused rather than silently undoing the facilitator's change:
/// the page shows the framework as it is now beside the steward's own edits, kept, and saving again is then allowed.
/// </summary>
public sealed class when_two_people_edit_the_framework_at_once(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string TheirQuestion = "How connected do you feel to your neighbours?";
    private const string MyQuestion = "Who did you tell first?";

    [Fact]
    public async Task the_later_save_is_refused_showing_both_versions_with_the_typed_text_kept()
    {
        await using var stewardBrowser = await browser.NewContextAsync(1280, 900);
        await using var facilitatorBrowser = await browser.NewContextAsync(1280, 900);
        var steward = await OpenTheEditorAsync(stewardBrowser, "Priya Natarajan");
        var facilitator = await OpenTheEditorAsync(facilitatorBrowser, "Grace Oduya");

        var addDyad = facilitator.GetByRole(AriaRole.Group, new() { Name = "Add a slider question" });
        await addDyad.GetByLabel("Question").FillAsync(TheirQuestion);
        await addDyad.GetByLabel("Left pole").FillAsync("Not at all");
        await addDyad.GetByLabel("Right pole").FillAsync("Like family");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        await Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as version 2.");

        var addChoice = steward.GetByRole(AriaRole.Group, new() { Name = "Add a choice" });
        await addChoice.GetByLabel("Question").FillAsync(MyQuestion);
        await addChoice.GetByLabel("Options, one on each line").FillAsync("A friend\nFamily\nNobody");
        var refused = await steward.RunAndWaitForResponseAsync(
            () => steward.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(409, refused.Status);
        var alert = steward.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Someone changed the framework while you were editing it");
        await Expect(alert).ToContainTextAsync("You started from version 1; version 2 has been saved since.");
        await Expect(alert).ToContainTextAsync($"In the framework now but not in your form: {TheirQuestion}.");
        await Expect(alert).ToContainTextAsync($"In your form but not in the framework now: {MyQuestion}.");
        var now = steward.GetByRole(AriaRole.Region, new() { Name = "The framework as it is now (version 2)" });
        await Expect(now.GetByText($"Slider question: {TheirQuestion}")).ToBeVisibleAsync();
        var mine = steward.GetByRole(AriaRole.Group, new() { Name = $"Choice question: {MyQuestion}" });
        await Expect(mine.GetByLabel("Question")).ToHaveValueAsync(MyQuestion);
        await Expect(mine.GetByLabel("Options, one on each line")).ToHaveValueAsync("A friend\nFamily\nNobody");
        await steward.AssertAccessibleAsync();

        await steward.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as version 3.");
        await Expect(steward.GetByRole(AriaRole.Group, new() { Name = $"Choice question: {MyQuestion}" })).ToBeVisibleAsync();
    }

    private async Task<IPage> OpenTheEditorAsync(IBrowserContext context, string name)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync(name);
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/settings/framework");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signification framework", Level = 1 })).ToBeVisibleAsync();
        return page;
    }
}
