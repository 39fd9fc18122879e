using System.Text.RegularExpressions;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The codebook on a phone counts stories too: a facilitator renames a theme found only on a story and merges another
/// story's theme into it, each asked first with the stories it touches, and the theme's page offers the stories as
/// examples to read. Every page visited is checked with axe-core and must fit the 390 px window.
/// </summary>
public sealed class when_a_facilitator_curates_story_themes_on_a_phone(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Codebook => $"/alliances/{browser.Demo.Alliance.Id}/codebook";

    [Fact]
    public async Task a_theme_found_only_on_stories_is_renamed_and_merged_and_its_page_shows_the_stories()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var (allotment, growing, garden) = ($"allotment {marker}", $"growing food {marker}", $"community garden {marker}");
        var sam = browser.Demo.Members.First(m => m.DisplayName == "Sam Okafor").Subject;
        using var partner = new ServiceClient(browser.Service.Address, sam);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (title, theme) in new[] { ($"Beans on plot 7 {marker}", allotment), ($"Soup from the garden {marker}", growing) })
            await partner.Post($"/api/alliances/{browser.Demo.Alliance.Id}/stories", new
            {
                id = Guid.NewGuid(), title, narrative = $"{title}: what happened.", tellerRole = "resident", toldOn = today,
                themes = new[] { theme }, consent = new { scope = "commissioners", identifiable = false }
            });

        await using var phone = await browser.NewContextAsync(390, 844);
        var grace = await phone.NewPageAsync();
        await grace.SignInAsync("Grace Oduya");
        await grace.GotoAsync(Codebook);
        // Stories reach the codebook through their read model, which the projection daemon keeps: look again until it has.
        var row = grace.GetByRole(AriaRole.Row).Filter(new() { Has = grace.GetByRole(AriaRole.Rowheader, new() { Name = growing, Exact = true }) });
        for (var look = 0; look < 60 && await row.CountAsync() == 0; look++) await grace.ReloadAsync();
        await Expect(row.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["0", "1", "0"]);
        await grace.AssertAccessibleAsync();

        await grace.GetByText("Rename a theme").ClickAsync();
        await grace.GetByLabel("Theme", new() { Exact = true }).First.SelectOptionAsync(allotment);
        await grace.GetByRole(AriaRole.Textbox, new() { Name = "New name", Exact = true }).FillAsync(garden);
        await grace.GetByRole(AriaRole.Button, new() { Name = "Rename…" }).ClickAsync();
        await Expect(grace.GetByText($"0 observations, 1 story and 0 ripples coded “{allotment}” will read as “{garden}”")).ToBeVisibleAsync();
        await grace.AssertAccessibleAsync();
        await grace.GetByRole(AriaRole.Button, new() { Name = "Yes, rename it" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Status)).ToContainTextAsync("The theme was renamed.");

        await grace.GetByText("Merge two themes").ClickAsync();
        await grace.GetByLabel("Merge this theme").SelectOptionAsync(growing);
        await grace.GetByLabel(new Regex("^into this one")).FillAsync(garden);
        await grace.GetByRole(AriaRole.Button, new() { Name = "Merge…" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = $"Merge “{growing}” into “{garden}”?" })).ToBeVisibleAsync();
        await grace.GetByRole(AriaRole.Button, new() { Name = "Yes, merge them" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Status)).ToContainTextAsync("The themes were merged.");
        var merged = grace.GetByRole(AriaRole.Row).Filter(new() { Has = grace.GetByRole(AriaRole.Rowheader, new() { Name = $"{garden} also recorded as “{allotment}”, “{growing}”" }) });
        await Expect(merged.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["0", "2", "0"]);
        await Shots.TakeAsync(grace, "codebook-stories-phone");
        await grace.AssertAccessibleAsync();

        await grace.GetByRole(AriaRole.Link, new() { Name = garden, Exact = true }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = garden, Level = 1 })).ToBeVisibleAsync();
        await Expect(grace.GetByText("Coded on 0 observations, 2 stories and 0 ripples.")).ToBeVisibleAsync();
        var example = grace.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Beans on plot 7 {marker}" });
        await Expect(example).ToContainTextAsync("A story, told");
        await Shots.TakeAsync(grace, "codebook-story-theme-phone");
        await grace.AssertAccessibleAsync();
        await example.GetByRole(AriaRole.Link, new() { Name = "Read it" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = $"Beans on plot 7 {marker}", Level = 1 })).ToBeVisibleAsync();
    }
}
