using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImpactJournal.Web;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// What a commissioner reads says one thing in plain words: the same trend in the same words on every page and
/// format, a printed summary in sentences, charts with scales that say how old their readings are, indicator pages
/// that lead with meaning, the last closed review on the dashboard, and a network page without a graph library's terms.
/// </summary>
public sealed class when_a_commissioner_reads_one_voice(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Home => $"/alliances/{browser.Demo.Alliance.Id}";

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Words.UkTime).DateTime);

    private static string Long(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private async Task<IPage> SignedInAsync(string name, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync(name);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }

    private static async Task<string> TextAsync(IPage page, string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        return await response.TextAsync();
    }

    [Fact]
    public async Task the_same_trend_reads_the_same_on_every_surface()
    {
        var someoneToCall = browser.Demo.Indicators!.Single(i => i.Name == "Someone to call");
        var readings = someoneToCall.Readings.OrderBy(r => r.ObservedOn).ToList();
        var expected = $"rising across {readings.Count} readings from {Long(readings[0].ObservedOn)} to {Long(readings[^1].ObservedOn)}";

        // A review that looks back on everything up to today, so it reads the same data as the dashboard.
        var steward = await SignedInAsync("Priya Natarajan");
        await steward.GotoAsync($"{Home}/reviews/open");
        var title = $"Looking back {Guid.NewGuid():N}"[..24];
        await steward.GetByLabel("Title").FillAsync(title);
        await steward.GetByLabel("The period it looks back on starts").FillAsync(readings[0].ObservedOn.ToString("yyyy-MM-dd"));
        await steward.GetByLabel("and ends").FillAsync(Today.ToString("yyyy-MM-dd"));
        await steward.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var review = Regex.Match(steward.Url, "/reviews/([0-9a-f-]{36})").Groups[1].Value;

        var page = await SignedInAsync("Tom Whitfield");
        await page.GotoAsync($"{Home}/dashboard");
        await Expect(page.Locator(".indicator-card", new() { HasText = "Someone to call" })).ToContainTextAsync(expected);
        // The first commitment's direction across the check-in rounds, as the dashboard words it.
        var imperative = browser.Demo.Alliance.Imperatives[0].Text;
        var acrossRounds = (await page.Locator(".relational li", new() { HasText = imperative }).Locator(".direction").InnerTextAsync()).Trim();
        Assert.Matches(new Regex(@"^(rising|falling|steady) across \d+ rounds from \d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}$"), acrossRounds);
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"{Home}/indicators/{someoneToCall.Id}");
        await Expect(page.Locator("main")).ToContainTextAsync(expected);
        await page.GotoAsync($"{Home}/indicators");
        await Expect(page.Locator(".indicator-card", new() { HasText = "Someone to call" })).ToContainTextAsync(expected);

        await page.GotoAsync($"{Home}/reviews/{review}/summary");
        await Expect(page.Locator("main")).ToContainTextAsync(expected);
        await Expect(page.Locator("main")).ToContainTextAsync(acrossRounds);
        await page.AssertAccessibleAsync();

        var api = $"/api{Home}/learning-reviews/{review}/summary";
        var json = JsonNode.Parse(await TextAsync(page, api))!;
        var movement = json["indicators"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Someone to call")!;
        Assert.Equal("rising", movement["direction"]!.GetValue<string>());
        Assert.Equal(expected, movement["directionWords"]?.GetValue<string>());
        var moved = json["relationships"]!["imperatives"]!.AsArray().Single(i => i!["text"]!.GetValue<string>() == imperative)!;
        Assert.Equal(acrossRounds, moved["directionWords"]?.GetValue<string>());
        foreach (var format in new[] { "markdown", "html" })
        {
            var text = await TextAsync(page, $"{api}?format={format}");
            Assert.Contains(expected, text);
            Assert.Contains(acrossRounds, text);
        }

        // The API's other reads of the same trends.
        var dashboard = JsonNode.Parse(await TextAsync(page, "/api/dashboard"))!["alliances"]!.AsArray().Single(a => a!["id"]!.GetValue<Guid>() == browser.Demo.Alliance.Id)!;
        Assert.Equal(expected, dashboard["indicators"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Someone to call")!["directionWords"]?.GetValue<string>());
        Assert.Equal(acrossRounds, dashboard["relationalHealth"]!["imperatives"]!.AsArray().Single(i => i!["text"]!.GetValue<string>() == imperative)!["directionWords"]?.GetValue<string>());
        Assert.Equal(expected, JsonNode.Parse(await TextAsync(page, $"/api{Home}/indicators/{someoneToCall.Id}/trend"))!["directionWords"]?.GetValue<string>());
        Assert.Equal(acrossRounds, JsonNode.Parse(await TextAsync(page, $"/api{Home}/imperatives/{browser.Demo.Alliance.Imperatives[0].Id}/trend"))!["directionWords"]?.GetValue<string>());

        var round = browser.Demo.CheckIns!.Last(c => c.Closed);
        await page.GotoAsync($"{Home}/check-ins/{round.Id}/summary");
        await Expect(page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = imperative }) })).ToContainTextAsync(acrossRounds);
        var roundApi = $"/api{Home}/check-ins/{round.Id}/summary";
        var roundJson = JsonNode.Parse(await TextAsync(page, roundApi))!;
        Assert.Equal(acrossRounds, roundJson["imperatives"]!.AsArray().Single(i => i!["text"]!.GetValue<string>() == imperative)!["directionWords"]?.GetValue<string>());
        Assert.Contains(acrossRounds, await TextAsync(page, $"{roundApi}?format=markdown"));
        Assert.Contains(acrossRounds, await TextAsync(page, $"{roundApi}?format=html"));
    }

    [Fact]
    public async Task the_printed_review_summary_reads_as_sentences_with_british_dates()
    {
        var review = browser.Demo.LearningReviews![1];
        var page = await SignedInAsync("Tom Whitfield");
        await page.GotoAsync($"{Home}/reviews/{review.Id}/summary");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = review.Title, Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var main = await page.InnerTextAsync("main");
        Assert.Contains($"{Long(review.PeriodStart)} to {Long(review.PeriodEnd)}", main);
        Assert.DoesNotMatch(new Regex(@"\d{4}-\d{2}-\d{2}"), main);
        foreach (var dump in new[] { "By order", "By capital", "noticed:", "Noticed:", "surprised:", "Surprised:", "definition v", "density", "Added: " })
            Assert.DoesNotContain(dump, main);
        Assert.Contains("What we noticed", main);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByText(new Regex("^You are a"))).ToBeHiddenAsync();
        var header = page.Locator(".print-header");
        await Expect(header).ToBeVisibleAsync();
        await Expect(header).ToContainTextAsync(browser.Demo.Alliance.Name);
        await Expect(header).ToContainTextAsync($"{Long(review.PeriodStart)} to {Long(review.PeriodEnd)}");
        await Expect(header).ToContainTextAsync($"Printed on {Long(Today)}");

        var api = $"/api{Home}/learning-reviews/{review.Id}/summary";
        foreach (var format in new[] { "markdown", "html" })
        {
            var text = await TextAsync(page, $"{api}?format={format}");
            Assert.DoesNotMatch(new Regex(@"\d{4}-\d{2}-\d{2}"), text);
            Assert.DoesNotContain("By order", text);
            Assert.Contains(browser.Demo.Alliance.Name, text);
            Assert.Contains(Long(review.PeriodEnd), text);
        }
    }

    [Fact]
    public async Task charts_have_scales_and_say_when_readings_are_old_or_missing()
    {
        var page = await SignedInAsync("Priya Natarajan");
        await page.GotoAsync($"{Home}/dashboard");
        var weekly = page.GetByRole(AriaRole.Img, new() { Name = "Observations each week" });
        await Expect(weekly.Locator("text", new() { HasText = "observations" })).ToHaveCountAsync(1);
        await Expect(weekly.Locator("text", new() { HasTextRegex = new Regex(@"^\d+$") })).Not.ToHaveCountAsync(0);

        await page.GotoAsync($"{Home}/indicators/{browser.Demo.Indicators!.Single(i => i.Name == "Someone to call").Id}");
        var trend = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("every reading") });
        await Expect(trend.Locator("text", new() { HasTextRegex = new Regex(@"^\d+%$") }).First).ToBeVisibleAsync();

        var name = $"Benches mended {Guid.NewGuid():N}"[..26];
        await page.GotoAsync($"{Home}/indicators/propose");
        await page.GetByLabel(new Regex("^Name")).FillAsync(name);
        await page.GetByLabel("The question a reading answers").FillAsync("What share of the park's benches can be sat on?");
        await page.GetByLabel("A reading is", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "a percentage" });
        await page.GetByLabel("How a reading is taken").FillAsync("A walk round the park.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Proposed.");
        await Expect(page.GetByText("No readings yet").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("every reading") })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        var observed = Today.AddMonths(-13);
        await page.GetByLabel(new Regex("^Value")).FillAsync("12");
        await page.GetByLabel("Observed on").FillAsync(observed.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the reading" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Reading recorded.");
        var one = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("every reading") });
        await Expect(one).ToBeVisibleAsync();
        var labels = await one.Locator("text").AllTextContentsAsync();
        Assert.Single(labels, l => l.Contains(observed.ToString("MMM yyyy", CultureInfo.InvariantCulture)));
        Assert.Single(labels, l => l == "12%");
        var main = await page.InnerTextAsync("main");
        Assert.DoesNotContain("From 12", main);
        Assert.DoesNotContain("(+0)", main);
        Assert.Contains("the latest reading is 13 months old", main);
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"{Home}/dashboard");
        await Expect(page.Locator(".indicator-card", new() { HasText = name })).ToContainTextAsync("the latest reading is 13 months old");
    }

    [Fact]
    public async Task an_indicator_page_leads_with_a_plain_sentence_and_keeps_the_method_behind_a_question()
    {
        var page = await SignedInAsync("Tom Whitfield");
        var doorsOpen = browser.Demo.Indicators!.Single(i => i.Name == "Doors open");
        await page.GotoAsync($"{Home}/indicators/{doorsOpen.Id}");
        await Expect(page.Locator("main > p").First).ToContainTextAsync(new Regex("^Doors open: rising across 5 readings"));
        await Expect(page.GetByText(new Regex("Theil"))).ToBeHiddenAsync();
        await page.GetByText("How is this judged?").ClickAsync();
        await Expect(page.GetByText(new Regex("Theil"))).ToBeVisibleAsync();
        var main = await page.InnerTextAsync("main");
        Assert.DoesNotContain("(s)", main);
        Assert.DoesNotMatch(new Regex("adopted, adopted on"), main);
        await page.AssertAccessibleAsync();

        var steward = await SignedInAsync("Priya Natarajan");
        await steward.GotoAsync($"{Home}/indicators/propose");
        await steward.GetByLabel(new Regex("^Name")).FillAsync($"Lamps lit {Guid.NewGuid():N}"[..20]);
        await steward.GetByLabel("The question a reading answers").FillAsync("How many stair lamps work?");
        await steward.GetByLabel("A reading is", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "a count (how many)" });
        await steward.GetByLabel("How a reading is taken").FillAsync("The caretaker's Monday round.");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("Proposed.");
        var adopt = await steward.GetByRole(AriaRole.Heading, new() { Name = "Adopt", Exact = true }).BoundingBoxAsync();
        var record = await steward.GetByRole(AriaRole.Heading, new() { Name = "Record a reading" }).BoundingBoxAsync();
        var import = await steward.GetByRole(AriaRole.Heading, new() { Name = "Import readings from a spreadsheet" }).BoundingBoxAsync();
        Assert.True(adopt!.Y < record!.Y && adopt.Y < import!.Y, $"Adopt at {adopt.Y}, record at {record.Y}, import at {import!.Y}");
        Assert.DoesNotContain("(s)", await steward.InnerTextAsync("main"));
        await steward.AssertAccessibleAsync();
    }

    [Fact]
    public async Task the_dashboard_shows_the_last_closed_review_and_mentions_one_in_progress()
    {
        // The demo's reviews are closed, the later one last; a new one is opened and still empty.
        var closed = browser.Demo.LearningReviews![1];
        var steward = await SignedInAsync("Priya Natarajan");
        var title = $"Winter review {Guid.NewGuid():N}"[..22];
        await steward.GotoAsync($"{Home}/reviews/open");
        await steward.GetByLabel("Title").FillAsync(title);
        await steward.GetByLabel("The period it looks back on starts").FillAsync(Today.AddDays(-30).ToString("yyyy-MM-dd"));
        await steward.GetByLabel("and ends").FillAsync(Today.AddDays(60).ToString("yyyy-MM-dd"));
        await steward.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();

        // Glanced at on a phone before a meeting: the dashboard fits its width.
        var page = await SignedInAsync("Tom Whitfield", 390, 844);
        await page.GotoAsync($"{Home}/dashboard");
        var section = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "The last learning review" }) });
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = closed.Title })).ToHaveAttributeAsync("href", $"{Home}/reviews/{closed.Id}");
        await Expect(section).ToContainTextAsync($"{title} is in progress");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task the_network_page_explains_itself_and_quiet_means_one_thing()
    {
        var page = await SignedInAsync("Tom Whitfield");
        await page.GotoAsync($"{Home}/network");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who works with whom", Level = 1 })).ToBeVisibleAsync();
        var main = await page.InnerTextAsync("main");
        Assert.DoesNotContain("density", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bridging", main);
        Assert.DoesNotMatch(new Regex(@"\b0\.\d\d\b"), main);

        var downloads = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Download for other tools" }) });
        await Expect(downloads.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("GraphML") })).ToBeVisibleAsync();
        await Expect(page.Locator("main > p", new() { HasTextRegex = new Regex("GraphML") })).ToHaveCountAsync(0);

        var markedQuiet = await page.Locator(".ties li", new() { HasTextRegex = new Regex("quiet") }).CountAsync();
        Assert.True(markedQuiet > 0, "the demo alliance has quiet ties");
        var quiet = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Quiet ties" }) });
        await Expect(quiet.Locator("li")).ToHaveCountAsync(markedQuiet);
        await page.AssertAccessibleAsync();
    }
}
