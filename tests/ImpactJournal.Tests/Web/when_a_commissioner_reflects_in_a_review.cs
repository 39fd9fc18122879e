using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A commissioner adds a reflection and an adaptation to an open learning review: the review and its printed summary
/// say a commissioner wrote them, and a partner's reads as a partner's, so neither passes for the alliance's own.
/// </summary>
public sealed class when_a_commissioner_reflects_in_a_review(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task each_reflection_and_adaptation_shows_the_role_of_whoever_wrote_it()
    {
        await using var stewardContext = await browser.NewContextAsync(1280, 900);
        var steward = await stewardContext.NewPageAsync();
        await steward.SignInAsync("Priya Natarajan");
        await steward.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/reviews/open");
        await steward.GetByLabel("Title").FillAsync($"Spring review {Guid.NewGuid():N}");
        await steward.GetByLabel("The period it looks back on starts").FillAsync("2026-02-01");
        await steward.GetByLabel("and ends").FillAsync("2026-04-30");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("The review is open");
        var reviewPage = steward.Url.Split('?')[0];

        await using var partnerContext = await browser.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        await partner.SignInAsync("Sam Okafor");
        await partner.GotoAsync(reviewPage);
        await partner.GetByLabel("Something we noticed").CheckAsync();
        await partner.GetByLabel("Your reflection").FillAsync("Residents came back after the first meeting.");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToContainTextAsync("Reflection added.");

        await using var commissionerContext = await browser.NewContextAsync(1280, 900);
        var commissioner = await commissionerContext.NewPageAsync();
        await commissioner.SignInAsync("Tom Whitfield");
        await commissioner.GotoAsync(reviewPage);
        await commissioner.GetByLabel("Something that surprised us").CheckAsync();
        await commissioner.GetByLabel("Your reflection").FillAsync("The council's own referral forms slowed people down.");
        await commissioner.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" }).ClickAsync();
        await Expect(commissioner.GetByRole(AriaRole.Status)).ToContainTextAsync("Reflection added.");
        await commissioner.GetByLabel("What will change").FillAsync("The council rewrites its referral form with residents");
        await commissioner.GetByRole(AriaRole.Button, new() { Name = "Record the adaptation" }).ClickAsync();
        await Expect(commissioner.GetByRole(AriaRole.Status)).ToContainTextAsync("Adaptation recorded.");

        await Expect(commissioner.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "The council's own referral forms slowed people down." }))
            .ToContainTextAsync("— from a commissioner");
        await Expect(commissioner.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Residents came back after the first meeting." }))
            .ToContainTextAsync("— from a partner");
        await Expect(commissioner.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "The council rewrites its referral form with residents" }))
            .ToContainTextAsync("Recorded by a commissioner");
        await commissioner.AssertAccessibleAsync();

        await commissioner.GotoAsync($"{reviewPage}/summary");
        // However the summary words its sections, each line carries its writer's role.
        await Expect(commissioner.GetByText("The council's own referral forms slowed people down. (from a commissioner)")).ToBeVisibleAsync();
        await Expect(commissioner.GetByText("Residents came back after the first meeting. (from a partner)")).ToBeVisibleAsync();
        await Expect(commissioner.GetByText(new Regex(@"^The council rewrites its referral form with residents.*\(recorded by a commissioner\)"))).ToBeVisibleAsync();
        await commissioner.AssertAccessibleAsync();
    }
}
