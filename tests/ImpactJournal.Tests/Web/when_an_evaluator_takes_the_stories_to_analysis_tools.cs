using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ImpactJournal.Access;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The stories page's downloads for analysis tools, in a real browser: the REFI-QDA project and the
/// stories CSV, taken by a commissioner on a phone and at a laptop, hold exactly what tellers gave commissioners to read.
/// </summary>
public sealed class when_an_evaluator_takes_the_stories_to_analysis_tools(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly XNamespace Qda = "urn:QDA-XML:project:1.0";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task a_commissioner_downloads_the_project_and_the_stories_csv_from_the_stories_page(int width, int height)
    {
        var demo = browser.Demo;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var readable = demo.Observations.Where(o => o.Consent.AllowsReadingBy(AllianceRole.Commissioner, today)).Select(o => o.Id)
            .Concat(demo.Stories.Where(s => s.Consent.AllowsReadingBy(AllianceRole.Commissioner, today)).Select(s => s.Id))
            .Select(id => id.ToString()).Order().ToList();
        var readableStories = demo.Stories.Where(s => s.Consent.AllowsReadingBy(AllianceRole.Commissioner, today)).Select(s => s.Id.ToString()).Order().ToList();
        Assert.True(demo.Stories.Count > readableStories.Count, "the demo has stories for the alliance only");

        await using var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        await page.GotoAsync($"/alliances/{demo.Alliance.Id}/stories");
        var downloads = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Download for analysis tools (NVivo, ATLAS.ti, MAXQDA, QualCoder)" }) });
        await Expect(downloads).ToContainTextAsync("what tellers gave for commissioners or the public");
        await page.AssertAccessibleAsync();

        var project = await page.RunAndWaitForDownloadAsync(() => downloads.GetByRole(AriaRole.Link, new() { Name = "Observations and stories as a project" }).ClickAsync());
        Assert.EndsWith(".qdpx", project.SuggestedFilename);
        var qdpx = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.qdpx");
        await project.SaveAsAsync(qdpx);
        using (var zip = ZipFile.OpenRead(qdpx))
        {
            await using var qde = await zip.GetEntry("project.qde")!.OpenAsync();
            var sources = (await XDocument.LoadAsync(qde, LoadOptions.None, default)).Descendants(Qda + "TextSource")
                .Select(s => s.Attribute("guid")!.Value).Order().ToList();
            Assert.Equal(readable, sources);
            Assert.Equal(sources.Select(id => $"sources/{id}.txt"), zip.Entries.Select(e => e.FullName).Where(n => n != "project.qde").Order());
        }

        var spreadsheet = await page.RunAndWaitForDownloadAsync(() => downloads.GetByRole(AriaRole.Link, new() { Name = "Stories as a spreadsheet" }).ClickAsync());
        Assert.EndsWith(".csv", spreadsheet.SuggestedFilename);
        var csv = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.csv");
        await spreadsheet.SaveAsAsync(csv);
        var text = await File.ReadAllTextAsync(csv, Encoding.UTF8);
        Assert.StartsWith("id,toldOn,title,narrative,", text);
        foreach (var framework in demo.SignificationFramework!.Triads) Assert.Contains($"{framework.Key}: {framework.Labels[0]}", text);
        Assert.Equal(readableStories, readableStories.Where(text.Contains).ToList());
        foreach (var hidden in demo.Stories.Where(s => !s.Consent.AllowsReadingBy(AllianceRole.Commissioner, today)))
            Assert.DoesNotContain(hidden.Id.ToString(), text);
    }
}
