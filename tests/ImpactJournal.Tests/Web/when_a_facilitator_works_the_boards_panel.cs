using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static ImpactJournal.Tests.Web.when_a_facilitator_runs_a_mapping_session;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The board's panel doing what it says, in a real browser at 1280×900: the re-code form shows the chosen ripple's
/// coding, a session's reflections stay with it, a saved form leaves the person where they were with the confirmation
/// in view, and the session's own view (collapse a branch, find a ripple, this session's ripples marked).
/// </summary>
public sealed class when_a_facilitator_works_the_boards_panel(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly when_a_facilitator_runs_a_mapping_session _session = new(browser);

    [Fact]
    public async Task the_recode_form_always_shows_the_chosen_ripples_coding()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await _session.StartMapAsync(page, "Grace Oduya");
        var social = $"Neighbours meet {Guid.NewGuid():N}";
        var built = $"Hall repaired {Guid.NewGuid():N}";
        await AddRippleAsync(page, social, capital: "Social");
        await AddRippleAsync(page, built, capital: "Built");

        await page.Locator("#recode summary").ClickAsync();
        var recode = page.Locator("#recode-ripple");
        await recode.SelectOptionAsync(new SelectOptionValue { Label = social + " (social)" });
        await Expect(page.Locator("#rr-Social")).ToBeCheckedAsync();
        await recode.SelectOptionAsync(new SelectOptionValue { Label = built + " (built)" });
        await Expect(page.Locator("#rr-Built")).ToBeCheckedAsync();
        await Expect(page.Locator("#recode input[name='Recode.Capitals']:checked")).ToHaveCountAsync(1);

        // A click on a ripple in the picture chooses it for re-coding too, with its own coding.
        await page.Locator("#board-live g.ripple", new() { Has = page.Locator("title", new() { HasText = social }) }).ClickAsync();
        await Expect(recode).ToHaveValueAsync((await page.Locator("#recode-ripple option", new() { HasText = social }).GetAttributeAsync("value"))!);
        await Expect(page.Locator("#rr-Social")).ToBeCheckedAsync();
        await Expect(page.Locator("#rr-Built")).Not.ToBeCheckedAsync();

        await page.Locator("#rr-Human").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the coding" }).ClickAsync();
        await Expect(page.Locator("#recode-ripple option", new() { HasText = built })).ToHaveTextAsync($"{built} (built)");
        await Expect(page.Locator("#recode-ripple option:checked")).ToContainTextAsync(social);
        await Expect(page.Locator("#recode input[name='Recode.Capitals']:checked")).ToHaveCountAsync(2);
        await Expect(page.Locator("#rr-Human")).ToBeCheckedAsync();
        await Expect(page.Locator("#chosen .hint").First).ToHaveTextAsync(new Regex(@"^Added by Grace Oduya, on .+\. It cites no evidence yet\.$"));
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task a_saved_form_leaves_the_person_where_they_were_with_the_confirmation_in_view()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await _session.StartMapAsync(page, "Grace Oduya");
        var first = $"Lunch club {Guid.NewGuid():N}";
        var second = $"Lifts to the clinic {Guid.NewGuid():N}";
        await AddRippleAsync(page, first);
        await AddRippleAsync(page, second, fromTheFocus: true);

        // "Open the session": its panel sits far down the board, below "Add a ripple".
        var schedule = page.Locator("#schedule");
        await page.GetByLabel("Title").FillAsync("Library session");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the session" }).ScrollIntoViewIfNeededAsync();
        var before = await TopOfAsync(schedule);
        Assert.True(await page.EvaluateAsync<double>("scrollY") > 300, "the panel is down the page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the session" }).ClickAsync();
        var opened = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "“Library session” is open" });
        await Expect(opened).ToBeInViewportAsync();
        await Expect(opened).ToBeFocusedAsync();
        await AssertKeptInPlaceAsync(page, before, await TopOfAsync(opened));
        // Not offered again while it is open.
        await Expect(page.GetByText("Start a session")).ToHaveCountAsync(0);
        await Expect(page.Locator("#activity-list li").First).ToContainTextAsync("Grace Oduya opened the session “Library session”");

        // "Link them": the link panel stays open, in the same place, saying so.
        await page.Locator("#link summary").ClickAsync();
        await page.Locator("#link-from").SelectOptionAsync(new SelectOptionValue { Label = first });
        await page.Locator("#link-to").SelectOptionAsync(new SelectOptionValue { Label = second });
        await page.GetByRole(AriaRole.Button, new() { Name = "Link them" }).ScrollIntoViewIfNeededAsync();
        before = await TopOfAsync(page.Locator("#link"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Link them" }).ClickAsync();
        var linked = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Linked" });
        await Expect(linked).ToBeInViewportAsync();
        await Expect(page.Locator("#link")).ToHaveAttributeAsync("open", "");
        await AssertKeptInPlaceAsync(page, before, await TopOfAsync(page.Locator("#link")));

        // "Save the coding" likewise.
        await page.Locator("#recode summary").ClickAsync();
        await page.Locator("#rr-Human").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the coding" }).ScrollIntoViewIfNeededAsync();
        before = await TopOfAsync(page.Locator("#recode"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the coding" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Re-coded" })).ToBeInViewportAsync();
        await AssertKeptInPlaceAsync(page, before, await TopOfAsync(page.Locator("#recode")));
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task what_the_group_said_when_the_session_closed_is_kept_with_the_session_on_the_board_and_the_maps_page()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        var board = await _session.StartMapAsync(page, "Grace Oduya");
        await OpenSessionAsync(page, "Bus station session");
        await page.Locator("#close summary").ClickAsync();
        await page.GetByLabel("What surprised us?").FillAsync("How much the bus mattered.");
        await page.GetByLabel("What next?").FillAsync("Invite the bus company.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close “Bus station session”" }).ClickAsync();

        var kept = page.Locator("#sessions li", new() { HasText = "Bus station session" });
        await Expect(kept).ToBeVisibleAsync();
        await Expect(kept.Locator(".said")).ToHaveTextAsync(["What surprised us? How much the bus mattered.", "What next? Invite the bus company."]);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The session is closed" })).ToBeInViewportAsync();
        await Expect(page.Locator("#history .moments li")).ToHaveTextAsync([new Regex("^Step 0 shows the map when it was started\\.$"),
            new Regex("^Step 1 shows the map after “Bus station session” \\(\\d+ \\w+ \\d{4}\\)\\.$"), new Regex("^Step 2 shows the map now\\.$")]);
        await page.AssertAccessibleAsync();

        await page.GotoAsync(board.Replace("/board", ""));
        var onThePage = page.Locator("section:has(h2:text('Sessions and what they said')) li", new() { HasText = "Bus station session" });
        await Expect(onThePage.Locator(".said")).ToHaveTextAsync(["What surprised us? How much the bus mattered.", "What next? Invite the bus company."]);
        await Expect(page.Locator(".meta").First).ToHaveTextAsync("0 ripples and 0 links; 0 unintended.");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task in_a_session_a_branch_folds_away_a_ripple_is_found_by_its_words_and_this_sessions_ripples_are_marked()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await _session.StartMapAsync(page, "Grace Oduya");
        var before = $"Before the session {Guid.NewGuid():N}";
        await AddRippleAsync(page, before);
        await OpenSessionAsync(page, "Community centre session");
        var root = $"Youth club reopens {Guid.NewGuid():N}";
        var child = $"Fewer call-outs {Guid.NewGuid():N}";
        var grandchild = $"Police patrols cut {Guid.NewGuid():N}";
        await AddRippleAsync(page, root, fromTheFocus: true);
        await page.Locator("#cause").SelectOptionAsync(new SelectOptionValue { Label = root });
        await AddRippleAsync(page, child);
        await page.Locator("#cause").SelectOptionAsync(new SelectOptionValue { Label = child });
        await AddRippleAsync(page, grandchild);

        // Ripples added in this session carry a marker; the one from before does not.
        await Expect(page.Locator("#board-live li[data-ripple]:has(.new-here)")).ToHaveCountAsync(3);
        await Expect(page.Locator("#board-live li[data-ripple]", new() { HasText = before }).Locator(".new-here")).ToHaveCountAsync(0);

        // Fold the youth club's branch: its ripples leave the list, the others stay; and back.
        var item = (string label) => page.Locator("#board-live li[data-ripple]", new() { HasText = label });
        var fold = item(root).GetByRole(AriaRole.Button, new() { Name = "Fold its branch" });
        await fold.ClickAsync();
        await Expect(item(child)).ToBeHiddenAsync();
        await Expect(item(grandchild)).ToBeHiddenAsync();
        await Expect(item(before)).ToBeVisibleAsync();
        // The picture folds the branch away too: its ripples and the links to them.
        var drawn = (string label) => page.Locator("#board-live g.ripple", new() { Has = page.Locator("title", new() { HasText = label }) });
        await Expect(drawn(child)).ToBeHiddenAsync();
        await Expect(drawn(grandchild)).ToBeHiddenAsync();
        await Expect(drawn(root)).ToBeVisibleAsync();
        await Expect(drawn(before)).ToBeVisibleAsync();
        var into = await drawn(child).GetAttributeAsync("id");
        await Expect(page.Locator($"#board-live path.link[data-to='{into![2..]}']")).ToBeHiddenAsync();
        await Expect(item(root).GetByRole(AriaRole.Button, new() { Name = "Show its branch" })).ToHaveAttributeAsync("aria-expanded", "false");
        await page.AssertAccessibleAsync();
        await item(root).GetByRole(AriaRole.Button, new() { Name = "Show its branch" }).ClickAsync();
        await Expect(item(grandchild)).ToBeVisibleAsync();
        await Expect(drawn(grandchild)).ToBeVisibleAsync();

        // Find a ripple by its words: marked in the list and on the picture, and said.
        await page.GetByLabel("Find a ripple by its words").FillAsync("call-outs");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "has the words" })).ToHaveTextAsync("1 ripple has the words “call-outs”: it is marked.");
        await Expect(page.Locator("#board-live li.found")).ToHaveTextAsync(new Regex("^" + child));
        await Expect(page.Locator("#board-live g.ripple.found title")).ToHaveTextAsync(new Regex("^" + child));

        // Closing the session takes the markers away.
        await page.Locator("#close summary").ClickAsync();
        await page.GetByLabel("What next?").FillAsync("Ask the youth club to the next session.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close “Community centre session”" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The session is closed" })).ToBeVisibleAsync();
        await Expect(page.Locator("#board-live .new-here")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The panel (or the confirmation in its place) is where the panel was on the screen, or at its top when the panel
    /// began above it; lower only when the page, now shorter, is scrolled to its end.
    /// </summary>
    private static async Task AssertKeptInPlaceAsync(IPage page, double before, double after)
    {
        var atTheEnd = await page.EvaluateAsync<bool>("() => scrollY + innerHeight >= document.documentElement.scrollHeight - 1");
        Assert.True(Math.Abs(after - Math.Max(before, 0)) <= 40 || (atTheEnd && after > before),
            $"the panel was {before:0} px from the top of the screen and is now {after:0} px");
    }

    private static Task<double> TopOfAsync(ILocator element) => element.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
}
