using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The framework editor in practitioners' words: triangle, slider and choice questions; the questions' technical names
/// only when asked for; and a preview of the story form as tellers will see it, which cannot be saved.
/// </summary>
public sealed class when_a_steward_words_the_story_questions(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_editor_speaks_of_triangle_slider_and_choice_questions_hides_technical_names_and_previews_the_form()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/settings/framework");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Triangle questions" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Slider questions" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choice questions" })).ToBeVisibleAsync();
        var main = await page.InnerTextAsync("main");
        Assert.DoesNotContain("Triad", main);
        Assert.DoesNotContain("Dyad", main);
        Assert.DoesNotContain("Key", main);
        await Expect(page.GetByLabel("Technical name (optional)")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Show technical names" }).ClickAsync();
        var addSlider = page.GetByRole(AriaRole.Group, new() { Name = "Add a slider question" });
        await Expect(addSlider.GetByLabel("Technical name (optional)")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Hide technical names" }).ClickAsync();
        await Expect(page.GetByLabel("Technical name (optional)")).ToHaveCountAsync(0);

        const string question = "How sure are you that it will last?";
        await addSlider.GetByLabel("Question").FillAsync(question);
        await addSlider.GetByLabel("Left pole").FillAsync("Not sure at all");
        await addSlider.GetByLabel("Right pole").FillAsync("Certain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as version");

        await page.GetByRole(AriaRole.Link, new() { Name = "Preview the story form as tellers will see it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tell a story", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("A preview of the story form as tellers will see it")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = question })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save the story" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }
}
