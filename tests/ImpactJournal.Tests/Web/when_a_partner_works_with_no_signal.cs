using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ImpactJournal.Access;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A partner's phone with no signal: the capture pages open from the service worker, what is saved is kept on the
/// device under the id it will have, "waiting to send (3)" survives a reload, and the signal coming back sends each
/// entry exactly once (with a fresh antiforgery token, the kept one having outlived its cookie). An id the journal
/// holds with other words is a conflict shown with both versions; signing out leaves nothing on the device.
/// </summary>
public sealed class when_a_partner_works_with_no_signal(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private Guid Alliance => browser.Demo.Alliance.Id;

    [Fact]
    public async Task entries_made_with_no_signal_wait_on_the_phone_and_are_sent_once_when_it_returns()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInReadyForNoSignalAsync(page, "Dan Mercer");

        await context.SetOfflineAsync(true);
        await page.GotoAsync($"/alliances/{Alliance}/notice");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What did you notice?" })).ToBeVisibleAsync();
        var first = await NoticeAsync(page, $"The lift was fixed and Mrs Ahmed came down to the café {Guid.NewGuid():N}");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Kept on this phone");
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (1)");
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "phone-notice-kept-with-no-signal", fullPage: false);
        var second = await NoticeAsync(page, $"Two lads from the estate asked about the boxing club {Guid.NewGuid():N}");
        Assert.NotEqual(first.Id, second.Id);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tell a story" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tell a story" })).ToBeVisibleAsync();
        var title = $"The bus pass {Guid.NewGuid():N}";
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("The story").FillAsync("Getting the bus pass sorted meant Jo could get to the college on her own.");
        await page.GetByLabel(new Regex("^Who is telling it")).FillAsync("support worker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the story" }).ClickAsync();
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (3)");

        await page.ReloadAsync();
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (3)");
        await Waiting(page).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "On this device", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(first.Words)).ToBeVisibleAsync();
        await Expect(page.GetByText(second.Words)).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex($"^{title}:"))).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "phone-on-this-device");
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My entries" })).ToBeVisibleAsync();

        // A browser restarted since the forms were kept has a new antiforgery cookie: the kept tokens no longer match it.
        await context.ClearCookiesAsync(new() { Name = "impactjournal-antiforgery" });
        await context.SetOfflineAsync(false);
        await Expect(Waiting(page)).ToBeHiddenAsync();

        using var api = Api("Dan Mercer");
        foreach (var id in new[] { first.Id, second.Id })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync($"/api/alliances/{Alliance}/observations/{id}")).StatusCode);
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(first.Words)).ToHaveCountAsync(1);
        await Expect(page.GetByText(second.Words)).ToHaveCountAsync(1);
        await page.GotoAsync($"/alliances/{Alliance}/stories");
        await Expect(page.GetByText(title)).ToHaveCountAsync(1);

        // Sending again (another page opened, a background sync) sends nothing twice.
        await page.GotoAsync($"/alliances/{Alliance}/on-this-device");
        await Expect(page.GetByText("Nothing is waiting")).ToBeVisibleAsync();
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(first.Words)).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task a_send_cut_off_midway_is_kept_waiting_and_later_sent_exactly_once(bool reachedTheJournal)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInReadyForNoSignalAsync(page, "Dan Mercer");
        await page.GotoAsync($"/alliances/{Alliance}/notice");

        // The signal drops while the form is on its way: the service worker's send fails and the form is kept.
        await context.SetOfflineAsync(true);
        var entry = await NoticeAsync(page, $"The food bank queue was shorter now the church opens at nine {Guid.NewGuid():N}");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Kept on this phone");
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (1)");
        using var api = Api("Dan Mercer");
        if (reachedTheJournal)
        {
            // Cut after it got there: the very form the phone sent reached the journal, and only the answer was lost.
            var body = await page.EvaluateAsync<string>("async id => (await Outbox.get(id)).body", entry.Id.ToString());
            var delivered = await page.APIRequest.PostAsync($"/alliances/{Alliance}/notice", new()
            {
                Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, DataString = body, MaxRedirects = 0
            });
            Assert.Equal(302, delivered.Status);
        }
        Assert.Equal(reachedTheJournal ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.NotFound,
            (await api.GetAsync($"/api/alliances/{Alliance}/observations/{entry.Id}")).StatusCode);

        await context.SetOfflineAsync(false);
        await Expect(Waiting(page)).ToBeHiddenAsync();
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(entry.Words)).ToHaveCountAsync(1);
        await page.GotoAsync($"/alliances/{Alliance}/on-this-device");
        await Expect(page.GetByText("Nothing is waiting")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task a_kept_form_sent_again_with_no_signal_is_kept_once()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInReadyForNoSignalAsync(page, "Dan Mercer");
        await context.SetOfflineAsync(true);
        await page.GotoAsync($"/alliances/{Alliance}/notice");
        var words = $"Mr Okafor came to the allotment for the first time {Guid.NewGuid():N}";
        var kept = await NoticeAsync(page, words);
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (1)");

        // The same form sent again, still with no signal: a phone that brings the page back as it was when going Back,
        // or a second tap that gets through. It carries the same id and the same words.
        await page.Locator("input[name='Form.Id']").EvaluateAsync("(input, id) => input.value = id", kept.Id.ToString());
        await page.GetByLabel("What happened?").FillAsync(words);
        await page.GetByLabel("Some of both").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Kept on this phone");
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (1)");
        await Waiting(page).ClickAsync();
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);

        await context.SetOfflineAsync(false);
        await Expect(Waiting(page)).ToBeHiddenAsync();
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task an_id_the_journal_holds_with_other_words_is_a_conflict_to_resolve()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInReadyForNoSignalAsync(page, "Dan Mercer");

        await context.SetOfflineAsync(true);
        await page.GotoAsync($"/alliances/{Alliance}/notice");
        var mine = await NoticeAsync(page, $"Sunday lunch had twelve new faces {Guid.NewGuid():N}");
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (1)");
        // Meanwhile the same id reached the journal with other words.
        var theirs = $"Sunday lunch was cancelled {Guid.NewGuid():N}";
        using var api = Api("Dan Mercer");
        var saved = await api.PostAsJsonAsync($"/api/alliances/{Alliance}/observations", new
        {
            id = mine.Id, text = theirs, observedAt = DateTimeOffset.UtcNow.AddHours(-1), valence = "mixed",
            consent = new { scope = "alliance", identifiable = false }
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

        await context.SetOfflineAsync(false);
        await Expect(Waiting(page)).ToHaveTextAsync("To resolve (1)");
        await Waiting(page).ClickAsync();
        var conflict = page.Locator(".kept.conflict");
        await Expect(conflict).ToContainTextAsync("The journal already holds a different entry");
        await Expect(conflict.GetByText(mine.Words)).ToBeVisibleAsync();
        await Expect(conflict.GetByText(theirs)).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Shots.TakeAsync(page, "phone-conflict-to-resolve");

        await page.GetByRole(AriaRole.Button, new() { Name = "Keep mine as a new entry" }).ClickAsync();
        await Expect(page.GetByText("Nothing is waiting")).ToBeVisibleAsync();
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(mine.Words)).ToHaveCountAsync(1);
        await Expect(page.GetByText(theirs)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task entries_kept_for_one_person_are_never_sent_as_someone_else_who_signs_in_on_the_phone()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInReadyForNoSignalAsync(page, "Dan Mercer");
        await context.SetOfflineAsync(true);
        await page.GotoAsync($"/alliances/{Alliance}/notice");
        var dans = await NoticeAsync(page, $"The warden let the youth group use the hall {Guid.NewGuid():N}");
        await Expect(Waiting(page)).ToHaveTextAsync("Waiting to send (1)");

        // Dan's session ends without signing out (it expired), and Leah signs in on the same phone.
        await context.ClearCookiesAsync();
        await context.SetOfflineAsync(false);
        await SignInReadyForNoSignalAsync(page, "Leah Brennan");
        await Expect(Waiting(page)).ToBeHiddenAsync();
        await page.GotoAsync($"/alliances/{Alliance}/on-this-device");
        await Expect(page.GetByText("Nothing is waiting")).ToBeVisibleAsync();
        await Expect(page.GetByText(dans.Words)).ToHaveCountAsync(0);

        await context.ClearCookiesAsync();
        await SignInReadyForNoSignalAsync(page, "Dan Mercer");
        await Expect(Waiting(page)).ToBeHiddenAsync();
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(dans.Words)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task pages_kept_for_one_person_do_not_open_for_the_next_who_signs_in_on_the_phone()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInReadyForNoSignalAsync(page, "Dan Mercer");
        await page.GotoAsync($"/alliances/{Alliance}/notice");
        var dans = $"The tenant on the third floor asked for help with her debts {Guid.NewGuid():N}";
        await page.GetByLabel("What happened?").FillAsync(dans);
        await page.GetByLabel("Some of both").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My entries" })).ToBeVisibleAsync();
        // "My entries" opened with a signal is kept on the phone as it now reads, Dan's words with it.
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(dans)).ToHaveCountAsync(1);

        // Dan's session ends without signing out (it expired); Leah signs in on the same phone and opens the journal.
        await context.ClearCookiesAsync();
        await SignInReadyForNoSignalAsync(page, "Leah Brennan");
        // Within 10 seconds of Leah opening the journal, the kept "My entries" is no longer Dan's.
        var stillDans = await page.EvaluateAsync<bool>(@"async ([path, words]) => {
            const until = Date.now() + 10000;
            while (Date.now() < until) {
                const kept = await (await caches.open('impactjournal-pages-v1')).match(path);
                if (!kept || !(await kept.text()).includes(words)) return false;
                await new Promise(resolve => setTimeout(resolve, 100));
            }
            return true;
        }", new[] { $"/alliances/{Alliance}/entries", dans });
        Assert.False(stillDans, "Dan's \"My entries\" is still kept on the phone after Leah signed in.");

        await context.SetOfflineAsync(true);
        await page.GotoAsync($"/alliances/{Alliance}/entries");
        await Expect(page.GetByText(dans)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task signing_out_leaves_nothing_of_the_journal_on_the_phone()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInReadyForNoSignalAsync(page, "Leah Brennan");
        Assert.Contains("impactjournal-device", await page.EvaluateAsync<string[]>("async () => (await indexedDB.databases()).map(d => d.name)"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("async () => await caches.keys()"));
        Assert.Empty(await page.EvaluateAsync<string[]>("async () => (await indexedDB.databases()).map(d => d.name)"));
        Assert.Equal(0, await page.EvaluateAsync<int>("async () => (await navigator.serviceWorker.getRegistrations()).length"));
    }

    [Fact]
    public async Task the_journal_installs_as_an_app_with_its_icons()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var manifest = await page.APIRequest.GetAsync("/manifest.webmanifest");
        Assert.Equal(200, manifest.Status);
        var json = await manifest.JsonAsync();
        Assert.Equal("standalone", json!.Value.GetProperty("display").GetString());
        Assert.Equal("#0b2e5c", json.Value.GetProperty("theme_color").GetString());
        foreach (var icon in json.Value.GetProperty("icons").EnumerateArray())
        {
            var image = await page.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal("image/png", image.Headers["content-type"]);
            var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0]);
            var png = await image.BodyAsync();
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        }
        Assert.Contains(json.Value.GetProperty("icons").EnumerateArray(), icon => icon.GetProperty("purpose").GetString() == "maskable");
    }

    /// <summary>Signs in, opens the alliance with a signal and waits until the service worker has kept its pages.</summary>
    private async Task SignInReadyForNoSignalAsync(IPage page, string name)
    {
        await page.SignInAsync(name);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = browser.Demo.Alliance.Name, Level = 1 })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        // The pages are kept in the background; the page asks the device's cache until all four are there.
        await page.EvaluateAsync(@"async () => {
            const kept = async () => (await (await caches.open('impactjournal-pages-v1')).keys()).filter(r => r.url.includes('/alliances/')).length;
            while (await kept() < 4) await new Promise(resolve => setTimeout(resolve, 50));
        }");
    }

    private static async Task<(Guid Id, string Words)> NoticeAsync(IPage page, string words)
    {
        var id = Guid.Parse(await page.Locator("input[name='Form.Id']").InputValueAsync());
        await page.GetByLabel("What happened?").FillAsync(words);
        await page.GetByLabel("Some of both").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What did you notice?" })).ToBeVisibleAsync();
        await Expect(page.Locator("input[name='Form.Id']")).Not.ToHaveValueAsync(id.ToString());
        return (id, words);
    }

    private static ILocator Waiting(IPage page) => page.Locator("#waiting a");

    private HttpClient Api(string name)
    {
        var client = new HttpClient { BaseAddress = browser.Service.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(browser.Demo.Members.First(m => m.DisplayName == name).Subject));
        return client;
    }
}
