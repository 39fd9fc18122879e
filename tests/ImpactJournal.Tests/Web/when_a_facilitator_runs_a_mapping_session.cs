using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The ripple-mapping board in real browsers: a facilitator on a laptop, partners on their phones and a
/// projector, each in a browser context of their own, on a map the facilitator starts. Every board and
/// projector page visited is checked with axe-core against WCAG 2.2 AA.
/// </summary>
public sealed class when_a_facilitator_runs_a_mapping_session(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinASecond = new() { Timeout = 1000 };

    [Fact]
    public async Task a_facilitator_and_two_partners_add_at_once_and_every_board_and_the_projector_shows_each_change_within_a_second()
    {
        await using var facilitatorContext = await browser.NewContextAsync(1280, 900);
        var facilitator = await facilitatorContext.NewPageAsync();
        var board = await StartMapAsync(facilitator, "Grace Oduya");
        await OpenSessionAsync(facilitator, "Church hall session");
        await facilitator.AssertAccessibleAsync();

        await using var danContext = await browser.NewContextAsync();
        await using var leahContext = await browser.NewContextAsync();
        await using var projectorContext = await browser.NewContextAsync(1280, 720);
        var dan = await SignedInAsync(danContext, "Dan Mercer", board);
        var leah = await SignedInAsync(leahContext, "Leah Brennan", board);
        var projector = await SignedInAsync(projectorContext, "Tom Whitfield", board.Replace("/board", "/projector"));
        foreach (var page in new[] { facilitator, dan, leah, projector }) await WaitUntilLiveAsync(page);
        await dan.AssertAccessibleAsync();
        await projector.AssertAccessibleAsync();

        var labels = new[] { $"Volunteers trained {Guid.NewGuid():N}", $"Neighbours share lifts {Guid.NewGuid():N}", $"Council funds a fridge {Guid.NewGuid():N}" };
        await Task.WhenAll(AddRippleAsync(facilitator, labels[0]), AddRippleAsync(dan, labels[1]), AddRippleAsync(leah, labels[2]));

        foreach (var page in new[] { facilitator, dan, leah })
            foreach (var label in labels)
                await Expect(page.Locator("#board-live [data-ripple]", new() { HasText = label })).ToBeVisibleAsync(WithinASecond);
        foreach (var label in labels)
            await Expect(projector.Locator("#board-live g.ripple title", new() { HasText = label })).ToHaveCountAsync(1, new() { Timeout = 1000 });

        // A ripple another person adds appears on an open board without reload, and pulses.
        var fourth = $"Huddle starts {Guid.NewGuid():N}";
        await AddRippleAsync(leah, fourth);
        var fresh = facilitator.Locator("#board-live g.ripple.fresh title", new() { HasText = fourth });
        await Expect(fresh).ToHaveCountAsync(1, new() { Timeout = 1000 });
        await facilitator.AssertAccessibleAsync();

        // The projector steps through the capitals by keyboard, showing one capital's ripples at a time, named large.
        await StepAsync(projector, "ArrowRight", "Natural capital");
        await Expect(projector.Locator(".projector-empty")).ToHaveTextAsync("No ripples touch natural capital yet.");
        await StepAsync(projector, "ArrowRight", "Cultural capital");
        await StepAsync(projector, "ArrowRight", "Human capital");
        await StepAsync(projector, "ArrowRight", "Social capital");
        var shown = projector.Locator("#board-live g.ripple");
        await Expect(shown).ToHaveCountAsync(4);
        await AddRippleAsync(dan, $"Only human {Guid.NewGuid():N}", capital: "Human");
        var alsoSocial = $"Social too {Guid.NewGuid():N}";
        await AddRippleAsync(dan, alsoSocial, capital: "Social");
        await Expect(projector.Locator("#board-live g.ripple title", new() { HasText = alsoSocial })).ToHaveCountAsync(1);
        await Expect(shown).ToHaveCountAsync(5);
        await projector.AssertAccessibleAsync();
        await StepAsync(projector, "0", "The whole map");
        await Expect(shown).ToHaveCountAsync(6);
    }

    [Fact]
    public async Task the_whole_add_ripple_loop_is_done_by_keyboard_alone()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await StartMapAsync(page, "Grace Oduya");
        var first = $"Tenants' group forms {Guid.NewGuid():N}";
        var second = $"Landlord fixes damp {Guid.NewGuid():N}";

        // The board opens with the cursor in "What happened?": type, pick capitals and send with Enter.
        await Expect(page.Locator("#label")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(first);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Started after the second meal.");
        await TabUntilFocusedAsync(page, "#rc-Social");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.Locator("#label")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added" })).ToContainTextAsync(first);

        // Straight back in "What happened?": choose the new ripple as the cause, type the next and send.
        await Expect(page.Locator("#label")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.Locator("#cause")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(second);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added" })).ToContainTextAsync(second);

        await Expect(page.Locator(".rings h3", new() { HasText = "Order 2" })).ToBeVisibleAsync();
        var orderTwo = page.Locator(".rings h3:has-text('Order 2') + ol li");
        await Expect(orderTwo).ToContainTextAsync(second);
        await Expect(page.Locator(".rings h3:has-text('Order 1') + ol li")).ToContainTextAsync(first + " — Social");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task closing_the_session_makes_every_board_refuse_new_ripples_with_a_clear_message()
    {
        await using var facilitatorContext = await browser.NewContextAsync(1280, 900);
        var facilitator = await facilitatorContext.NewPageAsync();
        var board = await StartMapAsync(facilitator, "Grace Oduya");
        await OpenSessionAsync(facilitator, "Short session");
        await using var danContext = await browser.NewContextAsync();
        var dan = await SignedInAsync(danContext, "Dan Mercer", board);
        await Expect(dan.Locator(".session-line")).ToContainTextAsync("Short session");

        await facilitator.Locator("#close summary").ClickAsync();
        await facilitator.GetByLabel("What surprised us?").FillAsync("How much the bus mattered.");
        await facilitator.GetByLabel("What next?").FillAsync("Invite the bus company.");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Close “Short session”" }).ClickAsync();
        await Expect(facilitator.Locator(".session-line")).ToContainTextAsync("No session is open");

        await dan.Locator("#label").FillAsync("Too late for the session");
        await dan.GetByRole(AriaRole.Button, new() { Name = "Add the ripple", Exact = true }).ClickAsync();
        await Expect(dan.Locator("#ripple [role=alert]")).ToHaveTextAsync("This mapping session is closed and takes no more ripples or links.");
        await Expect(dan.Locator("#label")).ToHaveValueAsync("Too late for the session");
        await Expect(dan.Locator("#board-live [data-ripple]", new() { HasText = "Too late for the session" })).ToHaveCountAsync(0);
        await dan.AssertAccessibleAsync();
    }

    [Fact]
    public async Task the_time_slider_shows_the_earlier_map_and_since_last_session_highlights_exactly_what_came_after()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        var board = await StartMapAsync(page, "Grace Oduya");
        await OpenSessionAsync(page, "First session");
        var before = new[] { $"Allotment opens {Guid.NewGuid():N}", $"Seed swap {Guid.NewGuid():N}" };
        foreach (var label in before) await AddRippleAsync(page, label);
        await page.Locator("#close summary").ClickAsync();
        await page.GetByLabel("What surprised us?").FillAsync("Older residents came.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close “First session”" }).ClickAsync();

        // After the session: one new ripple caused by the first, and the second re-coded.
        var after = $"Cookery club {Guid.NewGuid():N}";
        await page.Locator("#cause").SelectOptionAsync(new SelectOptionValue { Label = before[0] });
        await AddRippleAsync(page, after);
        await page.Locator("#recode summary").ClickAsync();
        await page.Locator("#recode-ripple").SelectOptionAsync(new SelectOptionValue { Label = before[1] + " (social)" });
        await page.Locator("#rr-Natural").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the coding" }).ClickAsync();

        await page.Locator("#challenge summary").ClickAsync();
        await page.Locator("#challenge-link").SelectOptionAsync(new SelectOptionValue { Label = $"{before[0]} → {after} (asserted)" });
        await page.GetByLabel("Why").FillAsync("Not sure it was the allotment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Note it" }).ClickAsync();

        // The chosen ripple shows its coding and its links with their disputes.
        var afterId = await page.Locator("#cause option", new() { HasText = after }).GetAttributeAsync("value");
        await page.GotoAsync($"{board}?cause={afterId}");
        await Expect(page.Locator("#chosen")).ToContainTextAsync("Grace Oduya disputed it: “Not sure it was the allotment”");

        await page.GotoAsync(board + "?since=last-session");
        var highlighted = await page.Locator("#board-live g.ripple.changed title").AllTextContentsAsync();
        Assert.Equal(2, highlighted.Count);
        Assert.Contains(highlighted, t => t.StartsWith(after, StringComparison.Ordinal));
        Assert.Contains(highlighted, t => t.StartsWith(before[1], StringComparison.Ordinal));
        await Expect(page.Locator("#board-live path.link.changed")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-changes] li")).ToHaveTextAsync(
            [$"Added: {after}", $"Re-coded: {before[1]}", $"Linked: {before[0]} → {after}", $"Link disputed: {before[0]} → {after}"]);

        // The picture for slides, drawn in the browser from the SVG on the page.
        await page.Locator("#exports summary").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Picture for slides (PNG)" }).ClickAsync());
        var png = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 10_000, $"a PNG of {png.Length} bytes");
        await page.AssertAccessibleAsync();

        // The slider, one step back from now: the map as it stood when the first session closed.
        await page.GotoAsync(board);
        await page.Locator("#history summary").ClickAsync();
        await page.Locator("#step").FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForURLAsync(new Regex("step=1"));
        await Expect(page.Locator("#board-live g.ripple")).ToHaveCountAsync(2);
        await Expect(page.Locator("#board-live")).ToContainTextAsync("The map as it stood on");
        await Expect(page.Locator("#board-live g.ripple title", new() { HasText = after })).ToHaveCountAsync(0);
        await Expect(page.Locator("#ripple")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task adding_ripples_does_not_move_the_ripples_already_drawn()
    {
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        var board = await StartMapAsync(page, "Grace Oduya");
        for (var i = 0; i < 6; i++) await AddRippleAsync(page, $"First ring {i} {Guid.NewGuid():N}");
        var cause = await page.Locator("#cause option").Nth(2).GetAttributeAsync("value");
        var drawn = await PositionsAsync(page);
        var layout = await page.Locator("#board-live svg").GetAttributeAsync("data-layout");

        await page.Locator("#cause").SelectOptionAsync(cause!);
        await AddRippleAsync(page, $"Second ring {Guid.NewGuid():N}");
        await AddRippleAsync(page, $"First ring again {Guid.NewGuid():N}", fromTheFocus: true);

        // Stated bound: a ripple already drawn moves 0 px while the sector the new ripple joins has a spare slot
        // (a new map's circle has 8; a ripple with no children keeps one slot for its first).
        var now = await PositionsAsync(page);
        Assert.Equal(8, now.Count);
        foreach (var (id, (x, y)) in drawn)
            Assert.True(Math.Abs(now[id].X - x) < 0.5 && Math.Abs(now[id].Y - y) < 0.5, $"{id} moved from {x},{y} to {now[id]}");
        Assert.Equal(layout, await page.Locator("#board-live svg").GetAttributeAsync("data-layout"));

        // A second child finds the free place on its ring nearest its parent, within its branch: still nothing moves.
        await page.Locator("#cause").SelectOptionAsync(cause!);
        await AddRippleAsync(page, $"Second ring again {Guid.NewGuid():N}");
        var after = await PositionsAsync(page);
        Assert.Equal(9, after.Count);
        foreach (var (id, (x, y)) in now)
            Assert.True(Math.Abs(after[id].X - x) < 0.5 && Math.Abs(after[id].Y - y) < 0.5, $"{id} moved from {x},{y} to {after[id]}");
        Assert.Equal(layout, await page.Locator("#board-live svg").GetAttributeAsync("data-layout"));
        Assert.Equal(board, page.Url.Split('?')[0]);
    }

    [Fact]
    public async Task a_commissioner_follows_the_board_and_a_partner_adds_ripples_but_does_not_run_the_session()
    {
        var board = $"/alliances/{browser.Demo.Alliance.Id}/maps/{browser.Demo.Maps![0].Id}/board";
        await using var commissionerContext = await browser.NewContextAsync(1280, 900);
        var commissioner = await SignedInAsync(commissionerContext, "Tom Whitfield", board);
        await Expect(commissioner.GetByText("You can follow the map as it grows")).ToBeVisibleAsync();
        await Expect(commissioner.Locator("#ripple, #link, #recode, #schedule, #close, #challenge")).ToHaveCountAsync(0);
        await Expect(commissioner.Locator("#board-live g.ripple")).ToHaveCountAsync(browser.Demo.Maps![0].Sessions.Sum(s => s.Ripples.Count));
        await commissioner.AssertAccessibleAsync();

        await using var partnerContext = await browser.NewContextAsync();
        var partner = await SignedInAsync(partnerContext, "Sam Okafor", board);
        await Expect(partner.Locator("#ripple")).ToHaveCountAsync(1);
        await Expect(partner.Locator("#link")).ToHaveCountAsync(1);
        await Expect(partner.Locator("#recode, #schedule, #close")).ToHaveCountAsync(0);
        await partner.AssertAccessibleAsync();

        await using var strangerContext = await browser.NewContextAsync();
        var stranger = await strangerContext.NewPageAsync();
        await stranger.SignInAsync("Alex Visitor");
        Assert.Equal(404, (await stranger.GotoAsync(board))!.Status);
        Assert.Equal(404, (await stranger.GotoAsync(board.Replace("/board", "/projector")))!.Status);
    }

    private static async Task<Dictionary<string, (double X, double Y)>> PositionsAsync(IPage page)
    {
        var ripples = page.Locator("#board-live g.ripple");
        var found = new Dictionary<string, (double X, double Y)>();
        for (var i = 0; i < await ripples.CountAsync(); i++)
        {
            var g = ripples.Nth(i);
            found[(await g.GetAttributeAsync("id"))!] = (double.Parse((await g.GetAttributeAsync("data-x"))!, CultureInfo.InvariantCulture),
                double.Parse((await g.GetAttributeAsync("data-y"))!, CultureInfo.InvariantCulture));
        }
        return found;
    }

    internal async Task<string> StartMapAsync(IPage page, string who)
    {
        await page.SignInAsync(who);
        await page.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/maps");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a ripple map" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel(new Regex("^What is the map about")).FillAsync($"Community meal {Guid.NewGuid():N}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the map" }).ClickAsync();
        // The address is enough: what follows waits for what it needs on the page (its load event can lag on a busy machine).
        await page.WaitForURLAsync(new Regex("/board$"), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.Locator("#label")).ToBeVisibleAsync();
        return page.Url;
    }

    internal static async Task OpenSessionAsync(IPage page, string title)
    {
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel(new Regex("^How many people took part")).FillAsync("14");
        await page.GetByLabel(new Regex("^Roles present")).FillAsync("residents, volunteers, partner staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the session" }).ClickAsync();
        await Expect(page.Locator(".session-line")).ToContainTextAsync($"Session open: {title}");
    }

    internal static async Task<IPage> SignedInAsync(IBrowserContext context, string who, string board)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync(who);
        await page.GotoAsync(board);
        return page;
    }

    /// <summary>A key pressed on the projector, the part it steps to named, and the page live again.</summary>
    internal static async Task StepAsync(IPage projector, string key, string part)
    {
        await projector.Keyboard.PressAsync(key);
        await Expect(projector.Locator("[data-part-name]")).ToHaveTextAsync(part);
        await WaitUntilLiveAsync(projector);
    }

    internal static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new Regex("^Live:"), new() { Timeout = 30_000 });

    internal static async Task AddRippleAsync(IPage page, string label, string capital = "Social", bool fromTheFocus = false)
    {
        if (fromTheFocus) await page.Locator("#cause").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await page.Locator("#label").FillAsync(label);
        await page.Locator($"#rc-{capital}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the ripple", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added" })).ToContainTextAsync(label);
    }

    private static async Task TabUntilFocusedAsync(IPage page, string selector)
    {
        for (var i = 0; i < 20 && !await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(selector)).ToBeFocusedAsync();
    }
}
