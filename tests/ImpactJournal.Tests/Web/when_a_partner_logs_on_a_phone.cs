using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The partner's journey in a real browser at a phone's size: sign in, "What did you notice?", the
/// entry in their list, a resubmitted form that still makes one entry, mistakes shown beside the field
/// with everything typed kept, and the doors that stay shut to others. Every page visited is checked
/// with axe-core against WCAG 2.2 AA.
/// </summary>
public sealed class when_a_partner_logs_on_a_phone(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(2)>";

    [Fact]
    public async Task what_a_partner_notices_is_saved_once_and_is_in_their_entries()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.SignInAsync("Dan Mercer");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = browser.Demo.Alliance.Name, Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "What did you notice?" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What did you notice?" })).ToBeVisibleAsync();
        // Theme suggestions come from the whole alliance, not only the partner's own organisation.
        await Expect(page.Locator("#theme-suggestions option[value='peer support']")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        var words = $"Two neighbours who never spoke now share lifts to the food hub {Guid.NewGuid():N} {Hostile}";
        await page.GetByLabel("What happened?").FillAsync(words);
        await page.GetByLabel(new Regex("^Themes")).FillAsync("transport, belonging");
        await page.GetByLabel(new Regex("^Social")).CheckAsync();
        await page.GetByLabel("It strengthens what people value").CheckAsync();
        await page.GetByLabel(new Regex("^Those, and the commissioners")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        // Back to the form (its address keeps the entry's id) and send it again, as an impatient or unsure person would.
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText(new Regex("Saved\\.|This form was saved already"))).ToBeVisibleAsync();
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/entries");
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);
        Assert.Equal(0, dialogs);

        await page.GetByText("Filter the entries").ClickAsync();
        await page.GetByLabel("Theme", new() { Exact = true }).FillAsync("Transport");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);
        await page.GetByLabel("Capital", new() { Exact = true }).SelectOptionAsync("Built");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByText("Nothing matches these filters.")).ToBeVisibleAsync();
        await page.GetByLabel("My organisation's").CheckAsync();
        await page.GetByLabel("Capital", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My organisation's entries" })).ToBeVisibleAsync();
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task a_partner_signs_out_and_the_journal_is_closed_to_them_again()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = browser.Demo.Alliance.Name, Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/entries");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    private static async Task<string> LogAsync(IPage page, Guid allianceId, string words)
    {
        await page.GotoAsync($"/alliances/{allianceId}/notice");
        await page.GetByLabel("What happened?").FillAsync(words);
        await page.GetByLabel("Some of both").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        return words;
    }

    [Fact]
    public async Task a_partner_amends_retracts_and_withdraws_consent_from_their_entries()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Sam Okafor");
        var alliance = browser.Demo.Alliance.Id;
        var first = await LogAsync(page, alliance, $"Tenants' meeting moved to the library {Guid.NewGuid():N} {Hostile}");

        await page.GetByRole(AriaRole.Link, new() { Name = first }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Entry", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var amended = $"Tenants' meeting moved to the library; twelve came {Guid.NewGuid():N}";
        await page.GetByLabel("What happened").FillAsync(amended);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Amended");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
        await Expect(page.GetByText(amended).First).ToBeVisibleAsync();

        await page.GetByText("Retract this entry…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, retract it" }).ClickAsync();
        await Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await page.GetByLabel("Why retract it?").FillAsync("Logged twice by mistake");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, retract it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Retracted");
        await page.AssertAccessibleAsync();

        var second = await LogAsync(page, alliance, $"Maria told me about her new flat {Guid.NewGuid():N}");
        await page.GetByRole(AriaRole.Link, new() { Name = second }).ClickAsync();
        await page.GetByText("Withdraw consent and erase…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw consent and erase it" }).ClickAsync();
        await Expect(page.GetByText("Tick the box to confirm").First).ToBeVisibleAsync();
        await page.GetByLabel("Yes, erase these words").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw consent and erase it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Consent withdrawn");
        await Expect(page.GetByText(second)).ToHaveCountAsync(0);
        await page.GotoAsync($"/alliances/{alliance}/entries");
        await Expect(page.GetByText(second)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task an_entry_edited_in_two_tabs_refuses_the_second_save_and_shows_both_versions()
    {
        await using var context = await browser.NewContextAsync();
        var first = await context.NewPageAsync();
        await first.SignInAsync("Dan Mercer");
        var logged = await LogAsync(first, browser.Demo.Alliance.Id, $"The lunch club opened on Tuesdays {Guid.NewGuid():N}");
        await first.GetByRole(AriaRole.Link, new() { Name = logged }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Entry", Level = 1 })).ToBeVisibleAsync();
        var second = await context.NewPageAsync();
        await second.GotoAsync(first.Url);

        var fromFirst = $"The lunch club opened on Tuesdays and Thursdays {Guid.NewGuid():N}";
        await first.GetByLabel("What happened").FillAsync(fromFirst);
        await first.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Amended");

        var fromSecond = $"The lunch club opened; twenty people came {Guid.NewGuid():N} {Hostile}";
        await second.GetByLabel("What happened").FillAsync(fromSecond);
        var refused = await second.RunAndWaitForResponseAsync(
            () => second.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, refused.Status);
        var changed = second.GetByRole(AriaRole.Alert);
        await Expect(changed).ToContainTextAsync("Someone else amended this entry while you were editing it");
        await Expect(changed).ToContainTextAsync(fromFirst);
        await Expect(second.GetByLabel("What happened")).ToHaveValueAsync(fromSecond);
        await second.AssertAccessibleAsync();

        // The form now carries the version it shows, so saving again replaces the other tab's words.
        await second.GetByRole(AriaRole.Button, new() { Name = "Save the amendment" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("Amended");
        await Expect(second.Locator("p.entry-text").First).ToHaveTextAsync(fromSecond);
        await Expect(second.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_spreadsheet_is_imported_with_every_row_accounted_for()
    {
        await using var context = await browser.NewContextAsync(1280, 800);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Leah Brennan");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/import");
        await page.AssertAccessibleAsync();
        var file = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "id,observedAt,text,themes,capitals,valence,consentScope,identifiable\r\n"
            + $"{Guid.NewGuid()},2025-02-03T10:00:00Z,Drop-in busier than ever,recovery,social,generative,alliance,false\r\n"
            + $"{Guid.NewGuid()},not a date,Second row,recovery,social,generative,alliance,false\r\n"
            + $"{Guid.NewGuid()},2025-02-04T10:00:00Z,Third row {Hostile},recovery,social;human,mixed,commissioners,true\r\n");
        try
        {
            await page.GetByLabel("CSV file").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 imported, 0 already in the journal, 1 not imported");
            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "3", Exact = true })).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();

            await page.GetByLabel("CSV file").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("0 imported, 2 already in the journal, 1 not imported");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task the_page_session_reads_the_api_but_never_writes_through_it()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        var alliance = browser.Demo.Alliance.Id;

        var read = await page.APIRequest.GetAsync($"/api/alliances/{alliance}");
        Assert.Equal(200, read.Status);
        // Writes take a bearer token only: a page's cookie can never be ridden across sites into the API.
        var write = await page.APIRequest.PostAsync($"/api/alliances/{alliance}/observations", new()
        {
            DataObject = new { text = "Through the cookie", observedAt = "2025-01-01T10:00:00Z", themes = Array.Empty<string>(), capitals = Array.Empty<string>(),
                valence = "unclear", consent = new { scope = "alliance", identifiable = false } }
        });
        Assert.Equal(401, write.Status);
        await using var signedOut = await browser.NewContextAsync();
        Assert.Equal(401, (await (await signedOut.NewPageAsync()).APIRequest.GetAsync($"/api/alliances/{alliance}")).Status);
    }

    [Fact]
    public async Task the_whole_notice_form_works_from_the_keyboard_alone()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Dan Mercer");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/notice");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();

        async Task TabTo(ILocator target)
        {
            for (var i = 0; i < 40 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++) await page.Keyboard.PressAsync("Tab");
            await Expect(target).ToBeFocusedAsync();
        }
        var words = $"Typed without a mouse {Guid.NewGuid():N}";
        await TabTo(page.GetByLabel("What happened?"));
        await page.Keyboard.TypeAsync(words);
        await TabTo(page.GetByLabel(new Regex("^Social")));
        await page.Keyboard.PressAsync("Space");
        await TabTo(page.GetByLabel("It strengthens what people value"));
        await page.Keyboard.PressAsync("Space");
        await TabTo(page.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByText(words)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task a_mistake_is_shown_beside_its_field_and_nothing_typed_is_lost()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Leah Brennan");
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/notice");
        await page.GetByLabel(new Regex("^Where")).FillAsync("Open Door drop-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please check what you wrote");
        await Expect(page.Locator("#text-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("What happened?")).ToHaveAttributeAsync("aria-describedby", "text-error");
        await Expect(page.GetByLabel(new Regex("^Where"))).ToHaveValueAsync("Open Door drop-in");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task others_find_the_door_shut_in_plain_words_and_pages_forbid_inline_script()
    {
        await using var visitorContext = await browser.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await visitor.SignInAsync("Alex Visitor");
        await Expect(visitor.GetByText("You are not a member of any alliance yet")).ToBeVisibleAsync();
        var response = await visitor.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/notice");
        Assert.Equal(404, response!.Status);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"]);
        Assert.DoesNotContain("unsafe-inline", response.Headers["content-security-policy"]);
        var nowhere = await visitor.GotoAsync("/no-such-page");
        Assert.Equal(404, nowhere!.Status);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync();

        await using var commissionerContext = await browser.NewContextAsync(1280, 800);
        var commissioner = await commissionerContext.NewPageAsync();
        await commissioner.SignInAsync("Tom Whitfield");
        var refused = await commissioner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/notice");
        Assert.Equal(403, refused!.Status);
        await Expect(commissioner.GetByRole(AriaRole.Heading, new() { Name = "You cannot do this here" })).ToBeVisibleAsync();
        await commissioner.AssertAccessibleAsync();
    }
}
