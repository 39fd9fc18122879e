using System.Text.RegularExpressions;
using ImpactJournal.Access;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A learning review shows what its period holds beside the reflections — themes and weeks of the observations, the
/// stories told and selected, the mapping sessions and what they said, indicator movements and check-in results — as far
/// as the reader may read it: a partner sees the alliance's own, a commissioner neither a word kept for the alliance
/// nor a small count. A new review's period starts where the latest ended.
/// </summary>
public sealed class when_a_review_brings_its_evidence(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string Home => $"/alliances/{browser.Demo.Alliance.Id}";

    // Planted once for the class's service, whichever test comes first: the tests count what is there.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BrowserFixture, Task<Planted>> Plantings = new();

    private Task<Planted> PlantedAsync() => Plantings.GetValue(browser, _ => PlantAsync());

    /// <summary>
    /// A review of yesterday and today (the demo's observations stop at least two days back), holding a few observations
    /// and stories planted for it, one of each kept for the alliance; a mapping session; a check-in round that ended today.
    /// </summary>
    private async Task<Planted> PlantAsync()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var api = $"/api{Home}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Subject(string name) => browser.Demo.Members.First(m => m.DisplayName == name).Subject;
        using var steward = new ServiceClient(browser.Service.Address, Subject("Priya Natarajan"));
        using var partner = new ServiceClient(browser.Service.Address, Subject("Sam Okafor"));

        var planted = new Planted(marker, $"shared-{marker}", $"kept-{marker}", $"Kept for the alliance {marker}", $"Kept story {marker}",
            $"Kept reason {marker}", $"Shared story {marker}", $"Neighbours came to the map {marker}", $"Check-in {marker}", Guid.NewGuid());
        async Task Observe(string text, string theme, string scope) => await partner.Post($"{api}/observations", new
        {
            id = Guid.NewGuid(), text, observedAt = DateTimeOffset.UtcNow.AddHours(-1), themes = new[] { theme }, capitals = new[] { "social" },
            valence = "generative", consent = new { scope, identifiable = true }
        });
        await Observe($"Shared with commissioners {marker} one", planted.SharedTheme, "commissioners");
        await Observe($"Shared with commissioners {marker} two", planted.SharedTheme, "commissioners");
        await Observe(planted.KeptText, planted.KeptTheme, "alliance");

        async Task TellAndSelect(string title, string reason, string scope)
        {
            var id = Guid.NewGuid();
            await partner.Post($"{api}/stories", new
            {
                id, title, narrative = $"{title}: what happened", tellerRole = "resident", toldOn = today.AddDays(-1),
                consent = new { scope, identifiable = false }
            });
            await steward.Post($"{api}/stories/{id}/selections", new { panel = "Alliance board", reason });
        }
        await TellAndSelect(planted.KeptStory, planted.KeptReason, "alliance");
        await TellAndSelect(planted.SharedStory, $"Shared reason {marker}", "commissioners");

        var map = Guid.NewGuid();
        var mapping = Guid.NewGuid();
        await steward.Post($"{api}/maps", new { id = map, focus = $"Evidence map {marker}" });
        await steward.Post($"{api}/maps/{map}/sessions", new { id = mapping, title = $"Evening session {marker}", heldOn = today, participants = new { count = 12, roles = new[] { "residents" } } });
        await steward.Post($"{api}/maps/{map}/sessions/{mapping}/close", new { reflections = $"What surprised us? {planted.SessionSaid}\n\nWhat next? Ask the school {marker}" }, 200);

        var round = Guid.NewGuid();
        await steward.Post($"{api}/check-ins", new { id = round, title = planted.Round, periodStart = today.AddDays(-1), periodEnd = today });
        foreach (var name in new[] { "Dan Mercer", "Leah Brennan", "Sam Okafor" })
        {
            using var answering = new ServiceClient(browser.Service.Address, Subject(name));
            await answering.Put($"{api}/check-ins/{round}/answers/mine",
                new { answers = browser.Demo.Alliance.Imperatives.Select(i => new { imperativeId = i.Id, rating = 4 }) });
        }
        await steward.Post($"{api}/check-ins/{round}/close", null, 200);

        await steward.Post($"{api}/learning-reviews", new
        {
            id = planted.Review, title = $"Review {marker}", periodStart = today.AddDays(-1), periodEnd = today, questions = new[] { "What did we notice?" }
        });
        return planted;
    }

    private sealed record Planted(string Marker, string SharedTheme, string KeptTheme, string KeptText, string KeptStory, string KeptReason,
        string SharedStory, string SessionSaid, string Round, Guid Review)
    {
        public IEnumerable<string> KeptForTheAlliance => [KeptTheme, KeptText, KeptStory, KeptReason];
    }

    [Fact]
    public async Task a_partner_reads_the_periods_evidence_folded_above_the_reflections_on_a_phone_and_beside_them_on_a_laptop()
    {
        var planted = await PlantedAsync();
        var review = $"{Home}/reviews/{planted.Review}";

        await using var phoneContext = await browser.NewContextAsync(390, 844);
        var phone = await phoneContext.NewPageAsync();
        await phone.SignInAsync("Sam Okafor");
        await phone.GotoAsync(review);
        var evidence = phone.GetByRole(AriaRole.Complementary, new() { Name = "What the period holds" });
        await Expect(evidence).ToBeVisibleAsync();
        // On a phone the folds are closed, above the reflection form, each saying what it holds.
        var observations = evidence.Locator("summary", new() { HasText = "Observations: 3 observations" });
        await Expect(observations).ToBeVisibleAsync();
        await Expect(evidence.GetByText($"{planted.KeptTheme} — 1 observation")).ToBeHiddenAsync();
        var (evidenceBox, formBox) = (await evidence.BoundingBoxAsync(), await phone.GetByLabel("Your reflection").BoundingBoxAsync());
        Assert.True(evidenceBox!.Y + evidenceBox.Height <= formBox!.Y, "the evidence sits above the reflection form on a phone");

        await observations.ClickAsync();
        await Expect(evidence.GetByText($"{planted.SharedTheme} — 2 observations")).ToBeVisibleAsync();
        await Expect(evidence.GetByText($"{planted.KeptTheme} — 1 observation")).ToBeVisibleAsync();
        await Expect(evidence.GetByRole(AriaRole.Img, new() { Name = "Observations each week of the period" })).ToBeVisibleAsync();
        await Expect(evidence.GetByRole(AriaRole.Row, new() { Name = "Social 3" })).ToBeVisibleAsync();
        await Expect(evidence.GetByRole(AriaRole.Row, new() { Name = "It strengthens what people value 3" })).ToBeVisibleAsync();

        await evidence.Locator("summary", new() { HasText = "Stories: 2 stories told" }).ClickAsync();
        await Expect(evidence.GetByText("2 stories were told in the period.")).ToBeVisibleAsync();
        await Expect(evidence.GetByRole(AriaRole.Link, new() { Name = planted.KeptStory })).ToBeVisibleAsync();
        await Expect(evidence.GetByText($"Selected by Alliance board on", new() { Exact = false }).First).ToBeVisibleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Expect(evidence.GetByRole(AriaRole.Link, new() { Name = "See the patterns of the stories told in this period" }))
            .ToHaveAttributeAsync("href", $"{Home}/stories/patterns?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        await evidence.Locator("summary", new() { HasText = "Mapping sessions: 1 session" }).ClickAsync();
        await Expect(evidence.GetByText($"What surprised us? {planted.SessionSaid}")).ToBeVisibleAsync();
        await Expect(evidence.GetByText($"What next? Ask the school {planted.Marker}")).ToBeVisibleAsync();

        await evidence.Locator("summary", new() { HasText = "Indicators:" }).ClickAsync();
        await Expect(evidence.GetByText(new Regex("rising across|falling across|steady across|not enough readings yet")).First).ToBeVisibleAsync();

        await evidence.Locator("summary", new() { HasText = "Check-ins: 1 round ended in the period" }).ClickAsync();
        await Expect(evidence.GetByRole(AriaRole.Link, new() { Name = planted.Round })).ToBeVisibleAsync();
        // The round's results under the check-ins' own disclosure rules (three identical answers would pin each person's).
        await Expect(evidence.GetByText(new Regex($"^“{Regex.Escape(browser.Demo.Alliance.Imperatives[0].Text)}”: .*Which way it is going: ")))
            .ToBeVisibleAsync();
        await Shots.TakeAsync(phone, "review-evidence-partner-390x844");
        await phone.AssertAccessibleAsync();

        // On a laptop the evidence is open beside the reflection form: no tap, no other tab.
        await using var laptopContext = await browser.NewContextAsync(1280, 900);
        var laptop = await laptopContext.NewPageAsync();
        await laptop.SignInAsync("Sam Okafor");
        await laptop.GotoAsync(review);
        var beside = laptop.GetByRole(AriaRole.Complementary, new() { Name = "What the period holds" });
        await Expect(beside.GetByText($"{planted.KeptTheme} — 1 observation")).ToBeVisibleAsync();
        await Expect(beside.GetByText($"What surprised us? {planted.SessionSaid}")).ToBeVisibleAsync();
        var (asideBox, reflectionBox) = (await beside.BoundingBoxAsync(), await laptop.GetByLabel("Your reflection").BoundingBoxAsync());
        Assert.True(asideBox!.X >= reflectionBox!.X + reflectionBox.Width, "the evidence sits beside the reflection form on a laptop");
        Assert.True(asideBox.Y < reflectionBox.Y + reflectionBox.Height && reflectionBox.Y < asideBox.Y + asideBox.Height,
            "the evidence and the reflection form share the screen");
        await Shots.TakeAsync(laptop, "review-evidence-partner-1280x900");
        await laptop.AssertAccessibleAsync();

        // Reflecting works as before beside it.
        await laptop.GetByLabel("Something we noticed").CheckAsync();
        await laptop.GetByLabel("Your reflection").FillAsync($"The shared theme came up twice {planted.Marker}");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" }).ClickAsync();
        await Expect(laptop.GetByRole(AriaRole.Status)).ToContainTextAsync("Reflection added.");
    }

    [Fact]
    public async Task a_commissioner_sees_no_word_kept_for_the_alliance_and_fewer_than_5_where_counts_are_small()
    {
        var planted = await PlantedAsync();
        var review = $"{Home}/reviews/{planted.Review}";

        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await using var context = await browser.NewContextAsync(width, height);
            var page = await context.NewPageAsync();
            await page.SignInAsync("Tom Whitfield");
            await page.GotoAsync(review);
            var evidence = page.GetByRole(AriaRole.Complementary, new() { Name = "What the period holds" });
            var closed = evidence.Locator("details:not([open]) > summary");
            while (await closed.CountAsync() > 0) await closed.First.ClickAsync();

            await Expect(evidence.Locator("summary", new() { HasText = "Observations: fewer than 5 observations" })).ToBeVisibleAsync();
            await Expect(evidence.GetByText($"{planted.SharedTheme} — fewer than 5 observations")).ToBeVisibleAsync();
            await Expect(evidence.GetByText("Fewer than 5 stories were told in the period.")).ToBeVisibleAsync();
            await Expect(evidence.GetByRole(AriaRole.Link, new() { Name = planted.SharedStory })).ToBeVisibleAsync();
            await Expect(evidence.GetByText($"What surprised us? {planted.SessionSaid}")).ToBeVisibleAsync();
            var text = await page.InnerTextAsync("main");
            foreach (var words in planted.KeptForTheAlliance) Assert.DoesNotContain(words, text);
            Assert.DoesNotMatch(@"\b[1-4] observations?\b", text);
            await Shots.TakeAsync(page, $"review-evidence-commissioner-{width}x{height}");
            await page.AssertAccessibleAsync();
        }

        // The review page and every page of the alliance it links to: nothing kept for the alliance, by the demo's tellers or ours.
        await using var crawlContext = await browser.NewContextAsync(1280, 900);
        var crawler = await crawlContext.NewPageAsync();
        await crawler.SignInAsync("Tom Whitfield");
        var keptByDemo = browser.Demo.Stories.Where(s => s.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance).SelectMany(s => new[] { s.Title, s.Narrative })
            .Concat(browser.Demo.Observations.Where(o => o.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance).Select(o => o.Text));
        var kept = planted.KeptForTheAlliance.Concat(keptByDemo).ToList();
        await crawler.GotoAsync(review);
        var links = await crawler.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
        var pages = links.Where(l => l.StartsWith(Home, StringComparison.Ordinal)).Select(l => l.Split('#')[0]).Prepend(review).Distinct().ToList();
        Assert.Contains(pages, p => p.Contains("/stories/", StringComparison.Ordinal) && !p.Contains("patterns", StringComparison.Ordinal));
        foreach (var path in pages)
        {
            var response = await crawler.GotoAsync(path);
            Assert.True(response!.Status < 500, $"{path} answered {response.Status}");
            var text = await crawler.InnerTextAsync("body");
            foreach (var words in kept) Assert.False(text.Contains(words, StringComparison.Ordinal), $"{path} shows “{words}”");
        }
    }

    [Fact]
    public async Task a_new_reviews_period_starts_the_day_after_the_latest_review_ended()
    {
        var end = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(3);
        using var steward = new ServiceClient(browser.Service.Address, browser.Demo.Members.First(m => m.Role == AllianceRole.Steward).Subject);
        await steward.Post($"/api{Home}/learning-reviews", new
        {
            id = Guid.NewGuid(), title = $"Far review {Guid.NewGuid():N}", periodStart = end.AddMonths(-3), periodEnd = end, questions = Array.Empty<string>()
        });

        await using var context = await browser.NewContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync($"{Home}/reviews/open");
        await Expect(page.GetByLabel("The period it looks back on starts")).ToHaveValueAsync(end.AddDays(1).ToString("yyyy-MM-dd"));
        await Expect(page.GetByLabel("and ends")).ToHaveValueAsync("");
        await page.AssertAccessibleAsync();
    }
}
