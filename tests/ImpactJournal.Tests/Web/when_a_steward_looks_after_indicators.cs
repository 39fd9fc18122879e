using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A partner proposes an indicator; the steward adopts it, records readings (by hand and from a CSV file),
/// redefines it (the trend marks the new version) and retires it; a commissioner reads its trend page.
/// </summary>
public sealed class when_a_steward_looks_after_indicators(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(2)>";

    [Fact]
    public async Task an_indicator_is_proposed_adopted_read_redefined_and_retired()
    {
        var alliance = browser.Demo.Alliance.Id;
        await using var partnerContext = await browser.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        await partner.SignInAsync("Dan Mercer");
        await partner.OpenMenuAsync();
        await partner.GetByRole(AriaRole.Link, new() { Name = "Indicators" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Cornerstone indicators" })).ToBeVisibleAsync();
        await partner.AssertAccessibleAsync();
        await partner.GetByRole(AriaRole.Link, new() { Name = "Propose an indicator" }).ClickAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Expect(partner.Locator("#name-error")).ToHaveTextAsync("Give the indicator a short name.");
        await partner.AssertAccessibleAsync();
        var name = $"Meals shared {Guid.NewGuid():N} {Hostile}";
        await partner.GetByLabel(new Regex("^Name")).FillAsync(name);
        await partner.GetByLabel("The question a reading answers").FillAsync("How many meals were eaten together at the hub this week?");
        await partner.GetByLabel("A reading is", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "a count (how many)" });
        await partner.GetByLabel("How a reading is taken").FillAsync("Volunteers count plates at the Friday lunch.");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToContainTextAsync("Proposed.");
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Adopt" })).ToHaveCountAsync(0);
        var indicatorPage = partner.Url.Split('?')[0];

        await using var stewardContext = await browser.NewContextAsync(1280, 900);
        var steward = await stewardContext.NewPageAsync();
        await steward.SignInAsync("Priya Natarajan");
        await steward.GotoAsync(indicatorPage);
        await Expect(steward.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await steward.AssertAccessibleAsync();
        await steward.GetByLabel("Adopted by the alliance on").FillAsync("2025-01-06");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Adopt the indicator" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Adopted.");

        foreach (var (day, value) in new[] { ("2025-01-10", "12"), ("2025-01-17", "15"), ("2025-01-24", "19") })
        {
            await steward.GetByLabel(new Regex("^Value")).FillAsync(value);
            await steward.GetByLabel("Observed on").FillAsync(day);
            await steward.GetByRole(AriaRole.Button, new() { Name = "Record the reading" }).ClickAsync();
            await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Reading recorded.");
        }
        await Expect(steward.Locator("p.lead")).ToContainTextAsync(new Regex(": rising across \\d+ readings from "));

        // A second reading on a day needs a note; what was typed stays.
        await steward.GetByLabel(new Regex("^Value")).FillAsync("21");
        await steward.GetByLabel("Observed on").FillAsync("2025-01-24");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Record the reading" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Add a note saying why");
        await Expect(steward.GetByLabel(new Regex("^Value"))).ToHaveValueAsync("21");
        await steward.GetByLabel(new Regex("^Note")).FillAsync($"Recounted after the late sitting {Hostile}");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Record the reading" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Reading recorded.");
        await Expect(steward.GetByText($"Recounted after the late sitting {Hostile}")).ToBeVisibleAsync();

        var file = Path.Combine(Path.GetTempPath(), $"readings-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "observedOn,value,note\r\n2025-01-31,22,\r\nnot a day,3,\r\n2025-02-07,24,\r\n");
        try
        {
            await steward.GetByLabel("CSV file of readings").SetInputFilesAsync(file);
            await steward.GetByRole(AriaRole.Button, new() { Name = "Import readings" }).ClickAsync();
            await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("2 imported, 0 already in the journal, 1 not imported");
            await Expect(steward.GetByRole(AriaRole.Cell, new() { Name = "3", Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(file);
        }
        await steward.AssertAccessibleAsync();

        await Expect(steward.GetByText("starts definition version 2")).ToBeVisibleAsync();
        await steward.GetByLabel("How a reading is taken").FillAsync("Volunteers count plates at every meal, not only Friday lunch.");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Save the definition" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("now at version 2");
        await steward.GetByLabel(new Regex("^Value")).FillAsync("40");
        await steward.GetByLabel("Observed on").FillAsync("2025-02-14");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Record the reading" }).ClickAsync();
        await Expect(steward.Locator("svg .version-break")).ToHaveCountAsync(1);
        await Expect(steward.Locator("p.lead")).ToContainTextAsync(": not enough readings yet to tell a direction");

        // Commissioners read the trend but change nothing.
        await using var commissionerContext = await browser.NewContextAsync(1280, 900);
        var commissioner = await commissionerContext.NewPageAsync();
        await commissioner.SignInAsync("Tom Whitfield");
        await commissioner.GotoAsync(indicatorPage);
        await Expect(commissioner.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("every reading") })).ToBeVisibleAsync();
        await Expect(commissioner.GetByRole(AriaRole.Button)).ToHaveCountAsync(1); // sign out only
        await commissioner.AssertAccessibleAsync();
        await commissioner.GotoAsync($"/alliances/{alliance}/dashboard");
        await Expect(commissioner.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("Meals shared .*its readings over time") })).ToBeVisibleAsync();

        await steward.GetByLabel("Why retire it?").FillAsync("Replaced by a wider measure of shared meals");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Retire the indicator" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Retired.");
        await Expect(steward.GetByRole(AriaRole.Button, new() { Name = "Record the reading" })).ToHaveCountAsync(0);
    }
}
