using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The learning commons in a browser: the demo alliance's steward shares a ripple map and a closed review; a member of
/// another alliance finds them by capital and by collaboration model; the steward takes them out again. A teller withdraws
/// consent and their story leaves the commons. Every page is checked with axe.
/// </summary>
public sealed class when_alliances_learn_from_each_other(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Subject(string name) => browser.Demo.Members.First(m => m.DisplayName == name).Subject;

    private string Home => $"/alliances/{browser.Demo.Alliance.Id}";

    /// <summary>Alex Visitor forms an alliance of their own: a member of another alliance.</summary>
    private async Task<IPage> ReaderOfAnotherAllianceAsync(IBrowserContext context)
    {
        using (var visitor = new ServiceClient(browser.Service.Address, "visitor@ashworth.example"))
            if ((await visitor.Get("/api/alliances"))!["items"]!.AsArray().Count == 0)
                await visitor.Post("/api/alliances", AllianceBuilder.FormBody(name: "Northfield Food Alliance"));
        var page = await context.NewPageAsync();
        await page.SignInAsync("Alex Visitor");
        return page;
    }

    private async Task JoinTheCommonsAsync(IPage steward)
    {
        await steward.GotoAsync($"{Home}/commons");
        await steward.GetByLabel("Collaboration model").SelectOptionAsync(new SelectOptionValue { Label = "Thin-layer co-operative" });
        await steward.GetByRole(AriaRole.Button, new() { Name = "Save the profile and join the commons" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToHaveTextAsync("Public profile saved: the alliance is in the learning commons.");
    }

    [Fact]
    public async Task a_map_and_a_review_shared_are_found_by_capital_and_model_from_another_alliance_and_taken_out_again()
    {
        using var api = new ServiceClient(browser.Service.Address, Subject("Priya Natarajan"));
        var focus = browser.Demo.Maps![0].Focus;
        var review = (await api.Get($"/api/alliances/{browser.Demo.Alliance.Id}/learning-reviews?limit=500"))!["items"]!.AsArray()
            .First(r => r!["closedAt"] is not null)!["title"]!.GetValue<string>();
        var capital = (await api.Get($"/api/alliances/{browser.Demo.Alliance.Id}/maps/{browser.Demo.Maps![0].Id}"))!["nodes"]!.AsArray()
            .SelectMany(n => n!["capitals"]!.AsArray()).First()!.GetValue<string>();
        var capitalWords = ImpactJournal.Web.Words.Capitals.First(c => ImpactJournal.Infrastructure.Vocabulary.Spell(c.Capital) == capital).Name;

        await using var stewardContext = await browser.NewContextAsync(1280, 900);
        var steward = await stewardContext.NewPageAsync();
        await steward.SignInAsync("Priya Natarajan");
        await steward.GotoAsync($"{Home}/settings");
        await steward.GetByRole(AriaRole.Link, new() { Name = "The learning commons" }).ClickAsync();
        await JoinTheCommonsAsync(steward);
        await steward.GetByRole(AriaRole.Button, new() { Name = $"Share “{focus}” in the commons" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToHaveTextAsync("Shared: it is in the learning commons now.");
        await steward.GetByRole(AriaRole.Button, new() { Name = $"Share “{review}” in the commons" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Button, new() { Name = $"Take out “{review}” from the commons" })).ToBeVisibleAsync();
        await Shots.TakeAsync(steward, "commons-share-desktop");
        await steward.AssertAccessibleAsync();

        await using var readerContext = await browser.NewContextAsync(1280, 900);
        var reader = await ReaderOfAnotherAllianceAsync(readerContext);
        await reader.GotoAsync("/commons");
        await reader.GetByLabel("Capital", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = capitalWords });
        await reader.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var found = reader.GetByRole(AriaRole.List, new() { Name = "What matches" });
        await Expect(found.GetByRole(AriaRole.Link, new() { Name = focus })).ToBeVisibleAsync();
        await Expect(found.GetByRole(AriaRole.Link, new() { Name = review })).ToHaveCountAsync(0);
        await Shots.TakeAsync(reader, "commons-desktop");
        await reader.AssertAccessibleAsync();

        await reader.GetByLabel("Capital", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Any" });
        await reader.GetByLabel("Collaboration model").SelectOptionAsync(new SelectOptionValue { Label = "Thin-layer co-operative" });
        await reader.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(found.GetByRole(AriaRole.Link, new() { Name = focus })).ToBeVisibleAsync();
        await Expect(found.GetByRole(AriaRole.Link, new() { Name = review })).ToBeVisibleAsync();
        await reader.GetByLabel("Collaboration model").SelectOptionAsync(new SelectOptionValue { Label = "Grant collaboration" });
        await reader.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(reader.GetByText("Nothing in the commons matches these filters.")).ToBeVisibleAsync();

        await reader.GotoAsync("/commons");
        await reader.GetByRole(AriaRole.Link, new() { Name = review }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "What the review agreed to change, and what became of it" })).ToBeVisibleAsync();
        await reader.AssertAccessibleAsync();
        await reader.GotoAsync("/commons");
        await reader.GetByRole(AriaRole.Link, new() { Name = focus }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Ripples" })).ToBeVisibleAsync();
        await Expect(reader.GetByRole(AriaRole.Img)).ToBeVisibleAsync();
        await Shots.TakeAsync(reader, "commons-item-desktop");
        await reader.AssertAccessibleAsync();
        await reader.GetByRole(AriaRole.Link, new() { Name = browser.Demo.Alliance.Name }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Name = browser.Demo.Alliance.Name, Level = 1 })).ToBeVisibleAsync();
        await Shots.TakeAsync(reader, "commons-profile-desktop");
        await reader.AssertAccessibleAsync();

        await steward.GetByRole(AriaRole.Button, new() { Name = $"Take out “{focus}” from the commons" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToHaveTextAsync("Taken out: it is no longer in the learning commons.");
        await steward.GetByRole(AriaRole.Button, new() { Name = $"Take out “{review}” from the commons" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Button, new() { Name = $"Share “{review}” in the commons" })).ToBeVisibleAsync();
        await reader.GotoAsync("/commons");
        await Expect(reader.GetByText("Nothing has been shared yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task a_teller_withdraws_consent_and_the_story_leaves_the_commons()
    {
        using var steward = new ServiceClient(browser.Service.Address, Subject("Priya Natarajan"));
        using var teller = new ServiceClient(browser.Service.Address, Subject("Sam Okafor"));
        var a = browser.Demo.Alliance.Id;
        await steward.Put($"/api/alliances/{a}/commons/profile",
            new { name = browser.Demo.Alliance.Name, about = "Partners working with people facing multiple disadvantage.", collaborationModel = "alliance-contract", showPartnerNames = false });
        var story = Guid.Parse((await teller.Post($"/api/alliances/{a}/stories", new
        {
            title = "The door that stayed open", narrative = "I came for soup and stayed to cook.", tellerRole = "resident",
            toldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), consent = new { scope = "public", identifiable = false }
        }))!["id"]!.GetValue<string>());
        await steward.Post($"/api/alliances/{a}/commons/publications", new { kind = "story", id = story });

        await using var readerContext = await browser.NewContextAsync(390, 844);
        var reader = await ReaderOfAnotherAllianceAsync(readerContext);
        await reader.GotoAsync("/commons");
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = "The door that stayed open" })).ToBeVisibleAsync();
        await Shots.TakeAsync(reader, "commons-phone");
        await reader.AssertAccessibleAsync();
        await reader.GetByRole(AriaRole.Link, new() { Name = "The door that stayed open" }).ClickAsync();
        await Expect(reader.GetByText("I came for soup and stayed to cook.")).ToBeVisibleAsync();
        await Shots.TakeAsync(reader, "commons-item-phone");
        await reader.AssertAccessibleAsync();

        await using var tellerContext = await browser.NewContextAsync(390, 844);
        var tellerPage = await tellerContext.NewPageAsync();
        await tellerPage.SignInAsync("Sam Okafor");
        await tellerPage.GotoAsync($"{Home}/stories/{story}");
        await tellerPage.GetByLabel("Yes, erase this story").CheckAsync();
        await tellerPage.GetByRole(AriaRole.Button, new() { Name = "Withdraw consent and erase" }).ClickAsync();
        await Expect(tellerPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Consent withdrawn. The story's words are erased from the journal.");

        await reader.ReloadAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Not in the commons" })).ToBeVisibleAsync();
        await reader.GotoAsync("/commons");
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = "The door that stayed open" })).ToHaveCountAsync(0);
        await reader.AssertAccessibleAsync();
    }
}
