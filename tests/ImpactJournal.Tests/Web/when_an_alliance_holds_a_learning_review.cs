using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A steward opens a learning review; a partner adds a reflection; adaptations are agreed with owners and
/// their progress recorded; the steward closes it; the summary prints on A4 and a commissioner reads it.
/// </summary>
public sealed class when_an_alliance_holds_a_learning_review(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(2)>";

    [Fact]
    public async Task a_review_is_opened_reflected_on_adapted_closed_and_printed()
    {
        await using var stewardContext = await browser.NewContextAsync(1280, 900);
        var steward = await stewardContext.NewPageAsync();
        var dialogs = 0;
        steward.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await steward.SignInAsync("Priya Natarajan");
        await steward.GetByRole(AriaRole.Link, new() { Name = "Learning reviews" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Heading, new() { Name = "Learning reviews", Level = 1 })).ToBeVisibleAsync();
        await steward.AssertAccessibleAsync();
        await steward.GetByRole(AriaRole.Link, new() { Name = "Open a learning review" }).ClickAsync();
        await steward.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        await Expect(steward.Locator("#title-error")).ToContainTextAsync("Give the review a title");
        await steward.AssertAccessibleAsync();

        var title = $"Winter review {Guid.NewGuid():N}";
        await steward.GetByLabel("Title").FillAsync(title);
        await steward.GetByLabel("The period it looks back on starts").FillAsync("2025-11-01");
        await steward.GetByLabel("and ends").FillAsync("2026-01-31");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("The review is open");
        await Expect(steward.GetByText("What surprised us?")).ToBeVisibleAsync();
        var reviewPage = steward.Url.Split('?')[0];

        await using var partnerContext = await browser.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        await partner.SignInAsync("Sam Okafor");
        await partner.GotoAsync(reviewPage);
        await partner.GetByLabel("Something that surprised us").CheckAsync();
        var reflection = $"Tenants ran the meeting themselves {Hostile}";
        await partner.GetByLabel("Your reflection").FillAsync(reflection);
        await partner.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToContainTextAsync("Reflection added.");
        await Expect(partner.GetByText(reflection)).ToBeVisibleAsync();
        await Expect(partner.Locator("summary", new() { HasText = "Close the review" })).ToHaveCountAsync(0);
        await Expect(partner.GetByRole(AriaRole.Button, new() { Name = "Yes, close the review" })).ToHaveCountAsync(0);
        await partner.AssertAccessibleAsync();

        await steward.ReloadAsync();
        await steward.GetByLabel("What will change").FillAsync("Tenants chair the quarterly meeting");
        await steward.GetByLabel(new Regex("^Who owns it")).FillAsync("Harbour Housing Trust");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Record the adaptation" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Adaptation recorded.");
        await Expect(steward.GetByText("Owner: Harbour Housing Trust · no progress recorded yet")).ToBeVisibleAsync();

        await steward.GetByText("Record progress").First.ClickAsync();
        await steward.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();
        await Expect(steward.GetByText("Choose how it is going.").Last).ToBeVisibleAsync();
        await steward.GetByLabel("How is it going?").SelectOptionAsync(new SelectOptionValue { Label = "trying it" });
        await steward.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Progress recorded.");
        await Expect(steward.GetByText("Owner: Harbour Housing Trust · trying it")).ToBeVisibleAsync();
        await steward.AssertAccessibleAsync();

        await steward.Locator("summary", new() { HasText = "Close the review" }).ClickAsync();
        await Expect(steward.GetByText("It looks back on 1 Nov 2025 to 31 Jan 2026 and has 1 reflection and 1 adaptation.")).ToBeVisibleAsync();
        await steward.GetByLabel(new Regex("^What the review concluded")).FillAsync("Tenants lead; we follow up in spring.");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Yes, close the review" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync($"“{title}” is closed; its summary is final.");
        await Expect(steward.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" })).ToHaveCountAsync(0);
        await Expect(steward.Locator("summary", new() { HasText = "Record progress" })).ToHaveCountAsync(1);

        await steward.GetByRole(AriaRole.Link, new() { Name = "The review's summary, ready to print" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(steward.Locator("section", new() { Has = steward.GetByRole(AriaRole.Heading, new() { Name = "What surprised us" }) })).ToContainTextAsync(reflection);
        await Expect(steward.GetByText("Tenants chair the quarterly meeting. Owner: Harbour Housing Trust. So far: trying it.")).ToBeVisibleAsync();
        await steward.AssertAccessibleAsync();
        await steward.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(steward.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
        var pdf = await steward.PdfAsync(new() { Format = "A4" });
        Assert.True(pdf.Length > 1000);
        Assert.Equal(0, dialogs);

        await using var commissionerContext = await browser.NewContextAsync(1280, 900);
        var commissioner = await commissionerContext.NewPageAsync();
        await commissioner.SignInAsync("Tom Whitfield");
        await commissioner.GotoAsync($"{reviewPage}/summary");
        await Expect(commissioner.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var summaryText = await commissioner.InnerTextAsync("main");
        Assert.DoesNotContain("<5", summaryText);
        // Indicators in the app's words ("not enough readings yet"), not the API's ("insufficient-data"): the two readings up to the period's end.
        Assert.Contains("Indicators", summaryText);
        Assert.DoesNotContain("insufficient-data", summaryText);
        Assert.Contains("not enough readings yet to tell a direction (2 so far; it takes 3)", summaryText);
        await commissioner.AssertAccessibleAsync();
    }

    [Fact]
    public async Task progress_saved_in_another_tab_first_is_shown_beside_the_choice_kept_in_the_form_and_saving_again_works()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var first = await context.NewPageAsync();
        await first.SignInAsync("Priya Natarajan");
        await first.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/reviews/open");
        await first.GetByLabel("Title").FillAsync($"Spring review {Guid.NewGuid():N}");
        await first.GetByLabel("The period it looks back on starts").FillAsync("2026-02-01");
        await first.GetByLabel("and ends").FillAsync("2026-04-30");
        await first.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        await first.GetByLabel("What will change").FillAsync("Residents co-chair the partnership board");
        await first.GetByRole(AriaRole.Button, new() { Name = "Record the adaptation" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Adaptation recorded.");
        var second = await context.NewPageAsync();
        await second.GotoAsync(first.Url.Split('?')[0]);

        await first.GetByText("Record progress").First.ClickAsync();
        await first.GetByLabel("How is it going?").SelectOptionAsync(new SelectOptionValue { Label = "trying it" });
        await first.GetByLabel(new Regex("^Note")).FillAsync("Two residents joined in March");
        await first.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Progress recorded.");

        // The second tab still shows no progress: its note is refused, with what is there now and what was chosen kept.
        await second.GetByText("Record progress").First.ClickAsync();
        await second.GetByLabel("How is it going?").SelectOptionAsync(new SelectOptionValue { Label = "dropped" });
        await second.GetByLabel(new Regex("^Note")).FillAsync("Nobody wanted to chair");
        var refused = await second.RunAndWaitForResponseAsync(
            () => second.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, refused.Status);
        var changed = second.GetByRole(AriaRole.Alert);
        await Expect(changed).ToContainTextAsync("Someone recorded progress on this adaptation after you opened this page");
        await Expect(changed).ToContainTextAsync("It now reads: trying it — Two residents joined in March");
        await Expect(second.GetByText("No owner named · trying it")).ToBeVisibleAsync();
        await Expect(second.GetByLabel("How is it going?")).ToHaveValueAsync("Dropped");
        await Expect(second.GetByLabel(new Regex("^Note"))).ToHaveValueAsync("Nobody wanted to chair");
        await second.AssertAccessibleAsync();

        await second.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("Progress recorded.");
        await Expect(second.GetByText("No owner named · dropped")).ToBeVisibleAsync();
        await second.GetByText("Progress so far").ClickAsync();
        await Expect(second.GetByRole(AriaRole.Region, new() { Name = "Adaptations agreed" }).Locator("details ol li")).ToHaveCountAsync(2);
    }
}
