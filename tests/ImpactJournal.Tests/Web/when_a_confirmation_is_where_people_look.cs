using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// After saving, the confirmation is where the person is looking: the first thing in the page under the header,
/// wholly on the first screen, announced (role="status") and holding the focus, on a phone for what partners do on
/// their phones and on a laptop for the stewards' work.
/// </summary>
public sealed class when_a_confirmation_is_where_people_look(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Partner = "Dan Mercer";
    private const string Steward = "Priya Natarajan";

    private ImpactJournal.Demo.DemoAlliance Demo => browser.Demo;

    private string Alliance => $"/alliances/{Demo.Alliance.Id}";

    [Fact]
    public async Task saving_what_a_partner_noticed_is_confirmed_on_the_phones_first_screen()
    {
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync(Partner);

        await NoticeAsync(page, Alliance, $"The bench outside the hub is never empty now {Guid.NewGuid():N}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My entries", Level = 1 })).ToBeVisibleAsync();
        await Shots.TakeAsync(page, "entries-after-saving-phone", fullPage: false);
        var status = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved. Thank you — it is in the journal." });
        await Expect(status).ToHaveCountAsync(1);
        var box = (await status.BoundingBoxAsync())!;
        Assert.True(box.Y >= 0 && box.Y + box.Height <= 844, $"The confirmation runs from {box.Y} to {box.Y + box.Height} px on an 844 px screen.");
    }

    /// <summary>A journey that ends on a confirmation: who takes it, on what, and the words they should see first.</summary>
    public sealed record Journey(string Who, bool OnAPhone, Func<IPage, when_a_confirmation_is_where_people_look, Task> Take, string Confirms);

    private static readonly Dictionary<string, Journey> ByName = new()
    {
        ["a partner saves what they noticed"] = new(Partner, true,
            (page, test) => NoticeAsync(page, test.Alliance, $"Three new faces at the Tuesday lunch {Guid.NewGuid():N}"),
            "Saved. Thank you — it is in the journal."),
        ["a partner amends an entry"] = new(Partner, true, async (page, test) =>
        {
            var words = await NoticeAsync(page, test.Alliance, $"The lift at Marsh Court works again {Guid.NewGuid():N}");
            await page.GetByRole(AriaRole.Link, new() { Name = words }).ClickAsync();
            await page.GetByLabel("What happened").FillAsync($"{words}; residents can get to the hub");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync();
        }, "Amended. Every earlier version is kept in its history below."),
        ["a partner tells a story"] = new(Partner, true, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/stories/tell");
            await page.GetByLabel("Title").FillAsync($"The van came back {Guid.NewGuid():N}");
            await page.GetByLabel("The story").FillAsync("When the van broke down the co-op lent theirs, and the hub opened on time.");
            await page.GetByLabel(new Regex("^Who is telling it")).FillAsync("volunteer driver");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the story" }).ClickAsync();
        }, "Saved. Thank you for the story."),
        ["a partner answers a check-in"] = new(Partner, true, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/check-ins/{test.Demo.CheckIns!.Last(c => !c.Closed).Id}");
            await page.GetByRole(AriaRole.Group, new() { Name = test.Demo.Alliance.Imperatives[0].Text }).Locator("label", new() { HasText = "Mostly" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
        }, "Your answers are saved."),
        ["a partner imports a spreadsheet"] = new("Leah Brennan", false, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/import");
            await UploadAsync(page, "CSV file", "Import", "observedAt,text,themes,capitals,valence,consentScope,identifiable\r\n"
                + "2025-02-03T10:00:00Z,Drop-in busier than ever,recovery,social,generative,alliance,false\r\n"
                + "not a date,Second row,recovery,social,generative,alliance,false\r\n");
        }, "1 imported, 0 already in the journal, 1 not imported."),
        ["a steward saves the shared purpose"] = new(Steward, false, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/settings");
            await page.GetByLabel(new Regex("^What the alliance is for")).FillAsync($"{test.Demo.Alliance.SharedPurpose} Together.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the purpose" }).ClickAsync();
        }, "Shared purpose saved; the earlier wording is kept below."),
        ["a steward adds a member"] = new(Steward, false, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/members");
            var add = page.GetByRole(AriaRole.Region, new() { Name = "Add a member" });
            await add.GetByLabel("Name", new() { Exact = true }).FillAsync("Ruth Adeyemi");
            await add.GetByLabel(new Regex("^Sign-in identity")).FillAsync($"ruth-{Guid.NewGuid():N}@ashworth.example");
            await add.GetByLabel(new Regex("^Commissioner — ")).CheckAsync();
            await add.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        }, "Member added: Ruth Adeyemi"),
        ["a steward saves the story questions"] = new(Steward, false, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/settings/framework");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the framework" }).ClickAsync();
        }, "Nothing changed: the framework keeps its version."),
        ["a steward proposes an indicator"] = new(Steward, false, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/indicators/propose");
            await page.GetByLabel(new Regex("^Name")).FillAsync($"Meals shared {Guid.NewGuid():N}");
            await page.GetByLabel("The question a reading answers").FillAsync("How many meals were eaten together at the hub this week?");
            await page.GetByLabel("A reading is", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "a count (how many)" });
            await page.GetByLabel("How a reading is taken").FillAsync("Volunteers count plates at the Friday lunch.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        }, "Proposed. Facilitators and stewards can adopt it once the alliance agrees."),
        ["a steward imports an indicator's readings"] = new(Steward, false, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/indicators/{test.Demo.Indicators![0].Id}");
            await UploadAsync(page, "CSV file of readings", "Import readings", "observedOn,value,note\r\nnot a day,3,\r\n");
        }, "0 imported, 0 already in the journal, 1 not imported."),
        ["a steward opens a learning review"] = new(Steward, false, async (page, test) =>
        {
            await page.GotoAsync($"{test.Alliance}/reviews/open");
            await page.GetByLabel("Title").FillAsync($"Winter review {Guid.NewGuid():N}");
            await page.GetByLabel("The period it looks back on starts").FillAsync("2025-11-01");
            await page.GetByLabel("and ends").FillAsync("2026-01-31");
            await page.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        }, "The review is open. Everyone in the alliance can now add reflections."),
        ["a steward opens a check-in round"] = new(Steward, false,
            (page, test) => CheckInRounds.OpenAsync(page, test.Demo.Alliance.Id, $"Round {Guid.NewGuid():N}", "2024-01-01", "2024-03-31"),
            "The round is open: everyone in the alliance can answer it now."),
    };

    public static TheoryData<string> Journeys => [.. ByName.Keys];

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task the_confirmation_is_the_first_thing_on_the_screen_announced_and_focused(string journey)
    {
        var (who, onAPhone, take, confirms) = ByName[journey];
        var (width, height) = onAPhone ? (390, 844) : (1280, 800);
        await using var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync(who);

        await take(page, this);

        var status = page.GetByRole(AriaRole.Status).Filter(new() { HasText = confirms });
        await Expect(status).ToHaveCountAsync(1);
        await Expect(status).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(status).ToBeFocusedAsync();
        var heading = (await page.Locator("main h1").BoundingBoxAsync())!;
        Assert.True((await status.BoundingBoxAsync())!.Y < heading.Y, $"{journey}: the confirmation comes after the page's heading.");
        await page.AssertAccessibleAsync();
    }

    private static async Task<string> NoticeAsync(IPage page, string alliance, string words)
    {
        await page.GotoAsync($"{alliance}/notice");
        await page.GetByLabel("What happened?").FillAsync(words);
        await page.GetByLabel("Some of both").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        return words;
    }

    private static async Task UploadAsync(IPage page, string label, string button, string csv)
    {
        var file = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv);
        try
        {
            await page.GetByLabel(label).SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(1);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
