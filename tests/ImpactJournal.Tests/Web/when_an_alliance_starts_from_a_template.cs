using ImpactJournal.Alliances;
using System.Text.Json.Nodes;
using ImpactJournal.Templates;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// Someone who belongs to no alliance yet starts one from each of the seven templates, and a steward saves an alliance's
/// setup as a template file, imports it and forms a second alliance from it: both hold the same setup.
/// </summary>
public sealed class when_an_alliance_starts_from_a_template(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task an_alliance_can_be_formed_from_each_of_the_seven_templates()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Alex Visitor");
        await page.GotoAsync("/templates");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start an alliance from a template", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "templates-phone");

        foreach (var template in TemplateLibrary.BuiltIn)
        {
            await page.GotoAsync("/templates");
            await page.GetByRole(AriaRole.Link, new() { Name = template.Title, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = template.Title, Level = 1 })).ToBeVisibleAsync();
            if (template.Key == "alliance-contract") await page.AssertAccessibleAsync();
            await page.GetByLabel("The alliance's name").FillAsync($"Ashworth {template.Title}");
            await page.GetByLabel("What the alliance is for").FillAsync("Nobody in Ashworth faces it alone.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Form the alliance" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Ashworth {template.Title}", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByText($"Collaboration model: {CollaborationModels.Words(template.CollaborationModel)}")).ToBeVisibleAsync();
            await page.GotoAsync(page.Url.TrimEnd('/') + "/settings");
            foreach (var imperative in template.Imperatives.Take(2)) await Expect(page.GetByText(imperative)).ToBeVisibleAsync();
            await Expect(page.GetByText($"Formed from the {template.Title} template, version {template.Version}")).ToBeVisibleAsync();
        }
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task a_setup_saved_as_a_template_and_imported_forms_an_equal_alliance()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Alex Visitor");
        var first = await FormAsync(page, "/templates/public-commons-partnership", "Ashworth Energy Commons");
        await page.GetByLabel("Add a commitment").FillAsync("Every household on the scheme has a vote.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the commitment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Commitment added.");
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "settings-template-desktop");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Save this setup as a template" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{download.SuggestedFilename}");
        await download.SaveAsAsync(file);
        Assert.Equal("ashworth-energy-commons.json", download.SuggestedFilename);

        await page.GotoAsync("/templates");
        await page.Locator("#file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the template" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("imported");
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "template-desktop", fullPage: false);
        var second = await FormAsync(page, page.Url.Split('?')[0], "Northfield Energy Commons");

        var (a, b) = (await SetupAsync(page, first), await SetupAsync(page, second));
        Assert.Equal(a.Imperatives, b.Imperatives);
        Assert.Contains("Every household on the scheme has a vote.", b.Imperatives);
        Assert.True(a.Framework.SameAs(b.Framework));
        Assert.Equal(a.ReviewQuestions, b.ReviewQuestions);
        Assert.Equal(a.Indicators.OrderBy(i => i.Name), b.Indicators.OrderBy(i => i.Name));
        Assert.Equal(a.CheckIn, b.CheckIn);
    }

    [Fact]
    public async Task a_bad_file_is_refused_on_the_page_naming_what_to_fix()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Alex Visitor");
        await page.GotoAsync("/templates");
        var file = JsonNode.Parse(TemplateLibrary.BuiltInByKey("grant-collaboration")!.ToJson())!;
        file["key"] = "our-grants";
        file["collaborationModel"] = "franchise";
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "our-grants.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(file.ToJsonString())
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the template" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("collaborationModel: One of: alliance-contract");
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "template-import-refused-phone");
        await page.GotoAsync("/templates/our-grants");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
    }

    private static async Task<string> FormAsync(IPage page, string templateUrl, string name)
    {
        await page.GotoAsync(templateUrl);
        await page.GetByLabel("The alliance's name").FillAsync(name);
        await page.GetByLabel("What the alliance is for").FillAsync("Energy owned by the people who use it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Form the alliance" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        var home = new Uri(page.Url).AbsolutePath.TrimEnd('/');
        await page.GotoAsync(home + "/settings");
        return home;
    }

    private static async Task<TemplateFile> SetupAsync(IPage page, string home)
    {
        var response = await page.APIRequest.GetAsync(home + "/template");
        Assert.Equal(200, response.Status);
        return TemplateSchema.Read(await response.TextAsync()).Template!;
    }
}
