using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// Relational health in a real browser: a steward opens a round, a partner answers it on a phone (one tap per
/// commitment on one page, big enough targets, nothing wider than the screen), the round shows only how many answered
/// until the steward closes it, then everyone reads what the answers show with the examples their role may see; the
/// network page and the dashboard's card. Every page is checked with axe-core.
/// </summary>
public sealed class when_an_alliance_checks_its_relationships(BrowserFixture browser, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private string Alliance => $"/alliances/{browser.Demo.Alliance.Id}";

    [Fact]
    public async Task a_partner_answers_a_check_in_on_a_phone_and_sees_what_the_answers_show()
    {
        await using (var stewardContext = await browser.NewContextAsync())
        {
            var steward = await stewardContext.NewPageAsync();
            await steward.SignInAsync("Priya Natarajan");
            await steward.GotoAsync($"{Alliance}/check-ins");
            await steward.GetByRole(AriaRole.Link, new() { Name = "Open a check-in round" }).ClickAsync();
            await steward.GetByRole(AriaRole.Button, new() { Name = "Open the round" }).ClickAsync();
            await Expect(steward.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give the round a title");
            await steward.AssertAccessibleAsync();
            await steward.GetByLabel("Title").FillAsync("Winter 2025 check-in");
            await steward.GetByLabel("The period it asks about starts").FillAsync("2025-10-01");
            await steward.GetByLabel("and ends").FillAsync("2025-12-31");
            await steward.GetByRole(AriaRole.Button, new() { Name = "Open the round" }).ClickAsync();
            await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("The round is open");
        }

        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await page.GotoAsync($"{Alliance}/check-ins");
        await page.AssertAccessibleAsync();
        var clock = Stopwatch.StartNew();
        await page.Locator(".cards li", new() { HasText = "Winter 2025 check-in" }).GetByRole(AriaRole.Link, new() { Name = "Answer now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Winter 2025 check-in" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // One tap per commitment, each answer a target of at least 44 px, and nothing wider than the phone.
        var commitments = browser.Demo.Alliance.Imperatives;
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        string[] taps = ["Mostly", "Sometimes", "Fully", "Can't say"];
        for (var i = 0; i < commitments.Count; i++)
        {
            var group = page.GetByRole(AriaRole.Group, new() { Name = commitments[i].Text });
            var answer = group.Locator("label", new() { HasText = taps[i % taps.Length] });
            Assert.True((await answer.BoundingBoxAsync())!.Height >= 44);
            await answer.ClickAsync();
        }
        var first = page.GetByRole(AriaRole.Group, new() { Name = commitments[0].Text });
        await first.GetByText("Add an example, or what would help").ClickAsync();
        await first.GetByLabel(new Regex("^When did it hold, or break")).FillAsync("The budget went round before the meeting <b>for once</b>.");
        await first.GetByLabel(new Regex("^Those, and the commissioners")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answers are saved");
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"Answering took {clock.Elapsed}");
        output.WriteLine($"Answering the check-in on a phone took {clock.Elapsed.TotalSeconds:0.0} s of scripted browser time");

        // While the round is open only how many answered shows: nothing that could be Dan's own answer, not even his example.
        await Expect(page.GetByText("1 of 6 has answered")).ToBeVisibleAsync();
        await Expect(page.GetByText("How the answers spread shows once the round closes").First).ToBeVisibleAsync();
        await Expect(page.Locator("svg.chart")).ToHaveCountAsync(0);
        await Expect(page.GetByText("The budget went round before the meeting <b>for once</b>.")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        // His answers come back when he returns to change them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Change your answers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = commitments[0].Text }).GetByRole(AriaRole.Radio, new() { Name = "4 Mostly" })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task the_answers_show_once_the_steward_closes_the_round_with_the_examples_each_role_may_see()
    {
        var round = browser.Demo.CheckIns![^1];
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        await page.GotoAsync($"{Alliance}/check-ins/{round.Id}/summary");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = round.Title, Level = 1 })).ToBeVisibleAsync();
        // Open: how many answered, and nothing of what they answered (two reads around one answer would tell it).
        await Expect(page.GetByText("6 of 6 have answered")).ToBeVisibleAsync();
        await Expect(page.Locator("svg.chart")).ToHaveCountAsync(0);
        await Expect(page.GetByText("We told the alliance the garden project failed")).ToHaveCountAsync(0);
        await Expect(page.Locator("summary", new() { HasText = "Close the round" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, close the round" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await using var stewardContext = await browser.NewContextAsync(1280, 900);
        var steward = await stewardContext.NewPageAsync();
        await steward.SignInAsync("Priya Natarajan");
        await steward.GotoAsync($"{Alliance}/check-ins/{round.Id}/summary");
        await steward.Locator("summary", new() { HasText = "Close the round" }).ClickAsync();
        await steward.GetByRole(AriaRole.Button, new() { Name = "Yes, close the round" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync($"“{round.Title}” is closed: 6 people answered, and those answers are final.");
        await Expect(steward.GetByRole(AriaRole.Link, new() { Name = "Change your answers" })).ToHaveCountAsync(0);
        await Expect(steward.Locator("svg.chart")).ToHaveCountAsync(browser.Demo.Alliance.Imperatives.Count);
        await Expect(steward.GetByText("Two residents sat on the move-on panel")).ToBeVisibleAsync();
        await Expect(steward.GetByText("Pay residents for their time")).ToBeVisibleAsync();
        // Three partners answered, one of everything else: a partner's example says so, a steward's or anyone else's would not.
        await Expect(steward.Locator("li", new() { HasText = "Two residents sat on the move-on panel" })).ToContainTextAsync("— a partner");
        await Expect(steward.GetByText("Stewards: fewer than 3 answered").First).ToBeVisibleAsync();
        await steward.AssertAccessibleAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("svg.chart")).ToHaveCountAsync(browser.Demo.Alliance.Imperatives.Count);
        await Expect(page.GetByText("We told the alliance the garden project failed")).ToBeVisibleAsync();
        // An example its giver kept within the alliance never reaches a commissioner; nor what would help.
        await Expect(page.GetByText("Two residents sat on the move-on panel")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Pay residents for their time")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"{Alliance}/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Relational health" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = round.Title }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = browser.Demo.Alliance.Imperatives[1].Text })).ToContainTextAsync("rising across");
    }

    [Fact]
    public async Task the_network_page_shows_who_works_with_whom()
    {
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Grace Oduya");
        await page.GotoAsync($"{Alliance}/network");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who works with whom", Level = 1 })).ToBeVisibleAsync();
        var picture = await page.Context.APIRequest.GetAsync($"/api/alliances/{browser.Demo.Alliance.Id}/network/picture");
        Assert.Equal(200, picture.Status);
        Assert.StartsWith("image/svg+xml", picture.Headers["content-type"]);
        Assert.True(await page.Locator("img.network-picture").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        foreach (var partner in browser.Demo.Partners)
            await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = partner.Name, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Harbour Housing Trust and Open Door Recovery CIC", new() { Exact = true })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task a_commissioner_sees_on_the_network_page_only_ties_they_may_read()
    {
        // Food Hub and Harbour first worked together in an alliance-only observation; the commissioner's network
        // knows them only from what commissioners may read, later and fewer, as its JSON does.
        const string tie = "Northfield Community Food Hub and Harbour Housing Trust";
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        await page.GotoAsync($"{Alliance}/network");
        var network = await NetworkAsync(page);
        var theirs = TieOf(network, "Northfield Community Food Hub", "Harbour Housing Trust");
        var card = page.Locator(".ties li", new() { HasText = tie });
        await Expect(card).ToContainTextAsync($"{theirs["jointObservations"]} joint observation");
        await Expect(card).ToContainTextAsync($"from {ImpactJournal.Web.Charts.Day(First(theirs))}");
        await Expect(page.Locator(".ties li")).ToHaveCountAsync(network["edges"]!.AsArray().Count);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await page.AssertAccessibleAsync();

        await using var stewardContext = await browser.NewContextAsync(1280, 900);
        var steward = await stewardContext.NewPageAsync();
        await steward.SignInAsync("Priya Natarajan");
        await steward.GotoAsync($"{Alliance}/network");
        var stewards = TieOf(await NetworkAsync(steward), "Northfield Community Food Hub", "Harbour Housing Trust");
        Assert.True(First(stewards) < First(theirs), "the steward's tie starts with the alliance-only observation");
        Assert.True(stewards["jointObservations"]!.GetValue<int>() > theirs["jointObservations"]!.GetValue<int>());
        await Expect(steward.Locator(".ties li", new() { HasText = tie })).ToContainTextAsync($"from {ImpactJournal.Web.Charts.Day(First(stewards))}");
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> NetworkAsync(IPage page) =>
        System.Text.Json.Nodes.JsonNode.Parse(await (await page.Context.APIRequest.GetAsync($"/api{page.Url[page.Url.IndexOf("/alliances/")..]}")).TextAsync())!;

    private System.Text.Json.Nodes.JsonNode TieOf(System.Text.Json.Nodes.JsonNode network, string one, string other)
    {
        var ids = new[] { one, other }.Select(name => browser.Demo.Partners.Single(p => p.Name == name).Id.ToString()).ToHashSet();
        return network["edges"]!.AsArray().Single(e => ids.SetEquals([e!["from"]!.GetValue<string>(), e["to"]!.GetValue<string>()]))!;
    }

    private static DateOnly First(System.Text.Json.Nodes.JsonNode tie) => DateOnly.Parse(tie["first"]!.GetValue<string>());

    [Fact]
    public async Task a_partner_names_the_other_partners_involved_and_the_tie_counts_it()
    {
        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await page.GotoAsync($"{Alliance}/notice");
        await page.GetByLabel("What happened?").FillAsync("Ashworth Mind ran a wellbeing stall at the Tuesday meal.");
        await page.GetByLabel("It strengthens what people value").CheckAsync();
        await page.GetByText("Did other partners take part?").ClickAsync();
        await page.GetByLabel("Ashworth Mind", new() { Exact = true }).CheckAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await page.GotoAsync($"{Alliance}/network");
        var tie = page.Locator(".ties li", new() { HasText = "Northfield Community Food Hub and Ashworth Mind" });
        await Expect(tie).ToContainTextAsync("1 joint observation,");
        await Expect(tie).Not.ToContainTextAsync("(quiet)");

        // It was Ashworth CVS, not Mind: the entry is amended, and the tie moves.
        await page.GotoAsync($"{Alliance}/entries");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ashworth Mind ran a wellbeing stall at the Tuesday meal." }).ClickAsync();
        await Expect(page.GetByText("Other partners involved").First).ToBeVisibleAsync();
        await page.GetByLabel("Ashworth Mind", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Ashworth CVS", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Amended");
        await Expect(page.Locator("dl.facts").First.Locator("dt:text-is('Other partners involved') + dd")).ToHaveTextAsync("Ashworth CVS");
        await page.AssertAccessibleAsync();
        await page.GotoAsync($"{Alliance}/network");
        await Expect(tie).ToContainTextAsync("0 joint observations,");
        await Expect(page.Locator(".ties li", new() { HasText = "Northfield Community Food Hub and Ashworth CVS" })).ToContainTextAsync("2 joint observations,");
    }

    [Fact]
    public async Task a_ripple_added_on_the_board_with_its_partners_makes_a_new_tie()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Grace Oduya");
        await page.GotoAsync($"{Alliance}/maps/{browser.Demo.Maps![0].Id}/board");
        await page.Locator("#label").FillAsync("Open Door and the CVS ran a volunteer fair together");
        await page.Locator("#ripple").GetByText("Partners involved").ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Which partners does it involve?" }).GetByLabel("Open Door Recovery CIC", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the ripple", Exact = true }).ClickAsync();
        await Expect(page.Locator("#board-live [data-ripple]", new() { HasText = "Open Door and the CVS ran a volunteer fair" })).ToHaveCountAsync(1);

        await page.GotoAsync($"{Alliance}/network");
        // Grace works for the CVS: her own organisation and the one she named are tied by the ripple, for the first time.
        await Expect(page.Locator("li", new() { HasText = "Open Door Recovery CIC and Ashworth CVS — first together" })).ToHaveCountAsync(1);
        await Expect(page.Locator(".ties li", new() { HasText = "Open Door Recovery CIC and Ashworth CVS" })).ToContainTextAsync("1 joint ripple,");
    }
}
