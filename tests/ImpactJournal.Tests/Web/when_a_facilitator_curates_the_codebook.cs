using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The codebook in a real browser: a partner codes a note "Homes" (the drift the codebook exists for), the facilitator
/// merges "homes" into "housing" and renames a theme, each asked first, and the lists, filters and the theme's page read
/// the new names while the record keeps its words. Every page visited is checked with axe-core.
/// </summary>
public sealed class when_a_facilitator_curates_the_codebook(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Codebook => $"/alliances/{browser.Demo.Alliance.Id}/codebook";

    [Fact]
    public async Task merged_and_renamed_themes_read_under_their_new_names_in_lists_filters_and_the_themes_page()
    {
        // A partner on a phone codes a note with a near-duplicate of a theme the codebook suggests.
        await using var phone = await browser.NewContextAsync(390, 844);
        var dan = await phone.NewPageAsync();
        await dan.SignInAsync("Dan Mercer");
        await dan.GetByRole(AriaRole.Link, new() { Name = "What did you notice?" }).First.ClickAsync();
        await Expect(dan.Locator("#theme-suggestions option[value='housing']")).ToHaveCountAsync(1);
        var words = $"Mo has a flat of his own now {Guid.NewGuid():N}";
        await dan.GetByLabel("What happened?").FillAsync(words);
        await dan.GetByLabel(new Regex("^Themes")).FillAsync("Homes , peer support");
        await dan.GetByLabel(new Regex("^Social")).CheckAsync();
        await dan.GetByLabel("It strengthens what people value").CheckAsync();
        await dan.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dan.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        // The facilitator at a desk: the codebook, a merge asked first, then a rename.
        await using var desk = await browser.NewContextAsync(1280, 900);
        var grace = await desk.NewPageAsync();
        await grace.SignInAsync("Grace Oduya");
        await grace.GetByRole(AriaRole.Link, new() { Name = "Codebook" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = "Codebook", Level = 1 })).ToBeVisibleAsync();
        await Expect(grace.GetByRole(AriaRole.Rowheader, new() { Name = "homes", Exact = true })).ToBeVisibleAsync();
        await grace.AssertAccessibleAsync();

        await grace.GetByText("Merge two themes").ClickAsync();
        await grace.GetByLabel("Merge this theme").SelectOptionAsync("homes");
        await grace.GetByLabel(new Regex("^into this one")).FillAsync("housing");
        await grace.GetByRole(AriaRole.Button, new() { Name = "Merge…" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Heading, new() { Name = "Merge “homes” into “housing”?" })).ToBeVisibleAsync();
        await Expect(grace.GetByText("1 observation and 0 ripples coded “homes” will read as “housing”")).ToBeVisibleAsync();
        await Expect(grace.GetByText(new Regex("Nothing in the records changes: each keeps the words it was coded with"))).ToBeVisibleAsync();
        await grace.AssertAccessibleAsync();
        await grace.GetByRole(AriaRole.Button, new() { Name = "Yes, merge them" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Status)).ToContainTextAsync("The themes were merged.");
        await Expect(grace.GetByRole(AriaRole.Rowheader, new() { Name = "homes", Exact = true })).ToHaveCountAsync(0);
        await Expect(grace.GetByRole(AriaRole.Rowheader, new() { Name = "housing also recorded as “homes”" })).ToBeVisibleAsync();

        // A rename onto a theme in use says to merge instead, beside the field.
        await grace.GetByText("Rename a theme").ClickAsync();
        await grace.GetByLabel("Theme", new() { Exact = true }).First.SelectOptionAsync("belonging");
        await grace.GetByRole(AriaRole.Textbox, new() { Name = "New name", Exact = true }).FillAsync("Housing");
        await grace.GetByRole(AriaRole.Button, new() { Name = "Rename…" }).ClickAsync();
        await Expect(grace.Locator("#rename-name-error")).ToContainTextAsync("Merge “belonging” into “housing” instead.");
        await grace.AssertAccessibleAsync();
        await grace.GetByLabel("Theme", new() { Exact = true }).First.SelectOptionAsync("peer support");
        await grace.GetByRole(AriaRole.Textbox, new() { Name = "New name", Exact = true }).FillAsync("Mutual aid");
        await grace.GetByRole(AriaRole.Button, new() { Name = "Rename…" }).ClickAsync();
        await grace.GetByRole(AriaRole.Button, new() { Name = "Yes, rename it" }).ClickAsync();
        await Expect(grace.GetByRole(AriaRole.Status)).ToContainTextAsync("The theme was renamed.");
        await Expect(grace.GetByRole(AriaRole.Rowheader, new() { Name = "mutual aid also recorded as “peer support”" })).ToBeVisibleAsync();
        await Expect(grace.GetByText("“homes” merged into “housing”")).ToBeVisibleAsync();
        await Shots.TakeAsync(grace, "codebook-desktop");
        await grace.AssertAccessibleAsync();

        // The partner's list reads the new names, and a filter by the current name finds the note coded "Homes".
        await dan.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/entries?theme=housing");
        var entry = dan.GetByRole(AriaRole.Listitem).Filter(new() { HasText = words });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry.GetByRole(AriaRole.List, new() { Name = "Themes" })).ToHaveTextAsync(new Regex("housing\\s*mutual aid"));
        await dan.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/entries?theme=peer%20support");
        await Expect(dan.GetByText(words)).ToHaveCountAsync(1);
        await dan.GetByText(words).ClickAsync();
        await Expect(dan.GetByText("housing, mutual aid (coded as homes, peer support)")).ToBeVisibleAsync();
        await dan.AssertAccessibleAsync();

        // The theme's page on the phone: its former name, its weekly picture and the note as an example.
        await dan.GotoAsync(Codebook);
        await dan.GetByRole(AriaRole.Link, new() { Name = "housing", Exact = true }).ClickAsync();
        await Expect(dan.GetByRole(AriaRole.Heading, new() { Name = "housing", Level = 1 })).ToBeVisibleAsync();
        await Expect(dan.GetByText("Also recorded as “homes”")).ToBeVisibleAsync();
        await Expect(dan.Locator("svg.chart")).ToHaveCountAsync(1);
        await Expect(dan.GetByText(words)).ToBeVisibleAsync();
        await Shots.TakeAsync(dan, "codebook-theme-phone");
        await dan.AssertAccessibleAsync();
        await dan.GotoAsync(Codebook);
        await Expect(dan.GetByText("Look after the codebook")).ToHaveCountAsync(0);
        await Shots.TakeAsync(dan, "codebook-phone");
        await dan.AssertAccessibleAsync();
    }
}
