using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImpactJournal.Access;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The ripple map as a room reads it, measured in Chromium: every label's box from getBBox and its font size
/// as drawn on screen, at 1920×1080 on the projector and 1280×900 on the board, on the demo map and after
/// 40 ripples are added to one branch. With LAYOUT_SHOTS set, screenshots of each are written there.
/// </summary>
public sealed class when_a_room_reads_the_projected_map(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>Sizes in CSS px as drawn, and in the picture's own units (what it shows at 100 %); Fills: the picture's share of the screen's width and height.</summary>
    private sealed record Measured(int Labels, double SmallestRipple, double Focus, string[] Problems, int OffScreen,
        double SmallestRippleUnits = 0, double FocusUnits = 0, double[]? Fills = null);

    // Every label, node, arrowhead and ring name as a box in the picture's units; font sizes in CSS px as drawn.
    private const string Measure = """
        svg => {
          // A live update can swap the picture between finding it and measuring it: the caller measures the new one.
          if (!svg.isConnected) return { detached: true };
          const scale = svg.getScreenCTM().a;
          const box = (b, pad = 0) => ({ l: b.x - pad, t: b.y - pad, r: b.x + b.width + pad, b: b.y + b.height + pad });
          const overlap = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
          const problems = [];
          if (!Number.isFinite(scale)) problems.push(`the picture's scale cannot be read: viewBox "${svg.getAttribute("viewBox")}", data-scale ${svg.dataset.scale}, home ${svg.dataset.home}, ${svg.clientWidth}×${svg.clientHeight}`);
          const labels = [...svg.querySelectorAll("g.ripple > text, #focus > text")].map(t => ({
            t, owner: t.parentNode, box: box(t.getBBox()), px: parseFloat(getComputedStyle(t).fontSize) * scale,
            words: [...t.children].map(s => s.textContent).join(" "), title: t.parentNode.querySelector("title").textContent }));
          const nodes = [...svg.querySelectorAll("g.ripple > circle:last-of-type, #focus > circle")].map(c => ({ owner: c.parentNode, box: box(c.getBBox()) }));
          const heads = [...svg.querySelectorAll("path.link")].map(p => {
            const length = p.getTotalLength(), tip = p.getPointAtLength(length), back = p.getPointAtLength(Math.max(0, length - 12));
            return { id: p.id, box: { l: Math.min(tip.x, back.x) - 5, t: Math.min(tip.y, back.y) - 5, r: Math.max(tip.x, back.x) + 5, b: Math.max(tip.y, back.y) + 5 } };
          });
          const rings = [...svg.querySelectorAll("text.ring-name")].map(t => ({ name: t.textContent, box: box(t.getBBox()) }));
          for (const label of labels) {
            const whole = label.title.replace(/^Focus: /, "");
            const shown = label.words.endsWith("…") ? label.words.slice(0, -1) : label.words;
            if (!whole.startsWith(shown) || (!label.words.endsWith("…") && !(whole === label.words || whole.startsWith(label.words + " — "))))
              problems.push(`not whole: "${label.words}" of "${label.title}"`);
            if (label.words.endsWith("…") && label.words.length < 120) problems.push(`shortened: "${label.words}"`);
          }
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++)
              if (overlap(labels[i].box, labels[j].box)) problems.push(`labels overlap: "${labels[i].words}" and "${labels[j].words}"`);
            for (const node of nodes)
              if (node.owner !== labels[i].owner && overlap(labels[i].box, node.box)) problems.push(`label "${labels[i].words}" over a ripple`);
            for (const head of heads)
              if (overlap(labels[i].box, head.box)) problems.push(`label "${labels[i].words}" over the arrowhead of ${head.id}`);
            for (const ring of rings)
              if (overlap(labels[i].box, ring.box)) problems.push(`ring name "${ring.name}" under "${labels[i].words}"`);
          }
          const ripples = labels.filter(l => l.owner.id !== "focus");
          const offScreen = labels.filter(l => { const r = l.t.getBoundingClientRect(); return r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight; }).length;
          // (-1 for a size that could not be read, so that it fails the size checks and can be sent back.)
          const units = l => parseFloat(getComputedStyle(l.t).fontSize), area = svg.getBoundingClientRect(), sent = v => Number.isFinite(v) ? v : -1;
          const focus = labels.find(l => l.owner.id === "focus");
          return { labels: labels.length, smallestRipple: sent(Math.min(...ripples.map(l => l.px))), focus: sent(focus?.px), problems, offScreen,
            smallestRippleUnits: sent(Math.min(...ripples.map(units))), focusUnits: sent(focus && units(focus)),
            fills: [sent(area.width / innerWidth), sent(area.height / innerHeight)] };
        }
        """;

    [Fact]
    public async Task the_projector_shows_every_label_whole_at_24_px_with_nothing_overlapping_before_and_after_40_ripples_join_one_branch()
    {
        var (map, board) = DemoMap();
        await using var context = await browser.NewContextAsync(1920, 1080);
        var projector = await context.NewPageAsync();
        await projector.SignInAsync("Tom Whitfield");
        await projector.GotoAsync(board.Replace("/board", "/projector"));
        var demo = await MeasuredAsync(projector, "projector-demo-1920x1080");

        // Nothing is dimmed while all capitals are shown.
        var opacities = await projector.Locator("#board-live svg").EvaluateAsync<double[]>("svg => [...svg.querySelectorAll('g.ripple')].map(g => Number(getComputedStyle(g).opacity))");
        await projector.AssertAccessibleAsync();

        // One branch at a time, as large as the screen allows: page down (a presenter's clicker) steps to the first.
        await when_a_facilitator_runs_a_mapping_session.StepAsync(projector, "PageDown", "Branch 1 of 3: Hostel residents volunteer at the hub");
        var demoBranch = await MeasuredAsync(projector, "projector-demo-branch-1920x1080");
        await projector.AssertAccessibleAsync();
        await when_a_facilitator_runs_a_mapping_session.StepAsync(projector, "ArrowRight", "Natural capital");
        var natural = await MeasuredAsync(projector, "projector-demo-natural-1920x1080");
        await projector.GetByRole(AriaRole.Link, new() { Name = "Next capital" }).ClickAsync();
        await Expect(projector.Locator("[data-part-name]")).ToHaveTextAsync("Cultural capital");

        var branch = await AddToOneBranchAsync(map, 40);
        await projector.GotoAsync(board.Replace("/board", "/projector"));
        await Expect(projector.Locator("#board-live g.ripple")).ToHaveCountAsync(demo.Labels - 1 + 40);
        var grown = await MeasuredAsync(projector, "projector-40-more-1920x1080");
        await projector.AssertAccessibleAsync();

        // The long label is shortened past 120 characters; its whole text is one key (or one tap) away, in a dialog.
        var longOne = projector.Locator("#board-live g.ripple[tabindex]", new() { HasText = "A very long account" });
        await longOne.FocusAsync();
        // Reached with the keyboard, it is brought into view.
        await Expect(longOne.Locator("circle").Last).ToBeInViewportAsync();
        await projector.Keyboard.PressAsync("Enter");
        var dialog = projector.GetByRole(AriaRole.Dialog, new() { Name = LongLabel });
        await Expect(dialog).ToBeVisibleAsync();
        await projector.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(projector.Locator("[data-part-name]")).ToHaveTextAsync("The whole map");
        // A tap on it (with the whole map fitted to the screen, so it is in view) does the same.
        await projector.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
        await longOne.Locator("circle").Last.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await projector.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await projector.GotoAsync($"{board.Replace("/board", "/projector")}?branch={branch}");
        await Expect(projector.Locator("[data-part-name]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Branch [1-3] of 3: "));
        var grownBranch = await MeasuredAsync(projector, "projector-40-more-branch-1920x1080");
        await projector.AssertAccessibleAsync();

        foreach (var (name, measured, fits) in new[] { ("demo map", demo, false), ("40 more on one branch", grown, false),
                     ("demo map, one branch", demoBranch, true), ("demo map, natural capital", natural, true), ("40 more, that branch", grownBranch, false) })
        {
            output.WriteLine($"projector, {name}: {measured.Labels} labels, smallest ripple text {measured.SmallestRipple:0.0} px, focus {measured.Focus:0.0} px, {measured.OffScreen} off the screen");
            Assert.True(measured.Problems.Length == 0, string.Join("\n", measured.Problems));
            Assert.True(measured.SmallestRipple >= 24, $"{name}: ripple text {measured.SmallestRipple:0.0} px");
            Assert.True(measured.Focus >= 32, $"{name}: focus {measured.Focus:0.0} px");
            if (fits) Assert.True(measured.OffScreen == 0, $"{name}: {measured.OffScreen} labels off the screen");
            // The picture takes the screen below the heading and its controls, edge to edge.
            Assert.True(measured.Fills![0] >= 0.95 && measured.Fills[1] >= 0.8, $"{name}: the picture fills {measured.Fills[0]:P0} × {measured.Fills[1]:P0} of the screen");
        }
        Assert.True(grownBranch.Labels >= 42, $"the branch shows {grownBranch.Labels - 1} ripples");
        await using var boards = await browser.NewContextAsync(1280, 900);
        await MeasuredOnTheBoardAsync(boards, board, "40-more", grown.Labels - 1);
        Assert.All(opacities, o => Assert.Equal(1, o));
    }

    [Fact]
    public async Task a_map_grown_live_by_three_writers_stays_legible_on_the_projector_whole_and_branch_by_branch()
    {
        var (api, clients) = await NewMapAsync("Saturday repair café at the library", writers: 3);
        var seeds = new List<Guid>();
        foreach (var first in new[] { "Neighbours bring broken lamps", "Teenagers learn to solder", "The library stays open late" })
            seeds.Add(await AddAsync(clients[0], api, first, "social", null));
        await using var context = await browser.NewContextAsync(1920, 1080);
        var projector = await context.NewPageAsync();
        await projector.SignInAsync("Tom Whitfield");
        await projector.GotoAsync($"{Page(api)}/projector?capital=natural");
        await Expect(projector.Locator(".projector-empty")).ToHaveTextAsync("No ripples touch natural capital yet.");
        await projector.GotoAsync($"{Page(api)}/projector");
        await when_a_facilitator_runs_a_mapping_session.WaitUntilLiveAsync(projector);

        // Three people add a dozen ripples each at once, each under a ripple already there.
        var words = new[] { "Repairs", "save", "a family", "forty pounds", "and the", "library", "lends", "tools", "to the", "allotment" };
        await Task.WhenAll(clients.Select(async (client, writer) =>
        {
            var mine = new List<Guid>(seeds);
            for (var i = 0; i < 12; i++)
            {
                var label = string.Join(' ', Enumerable.Range(0, 2 + (i + writer) % 8).Select(w => words[(i + w + writer) % words.Length])) + $" ({writer + 1}.{i + 1})";
                mine.Add(await AddAsync(client, api, label, (i + writer) % 3 == 0 ? "financial" : "human", mine[(i * 7 + writer) % mine.Count]));
            }
        }));
        await Expect(projector.Locator("#board-live g.ripple")).ToHaveCountAsync(3 + 36, new() { Timeout = 30_000 });
        var whole = await MeasuredAsync(projector, "projector-three-writers-1920x1080");
        await when_a_facilitator_runs_a_mapping_session.StepAsync(projector, "PageDown", "Branch 1 of 3: Neighbours bring broken lamps");
        var branch = await MeasuredAsync(projector, "projector-three-writers-branch-1920x1080");
        await projector.AssertAccessibleAsync();
        foreach (var (name, measured, fits) in new[] { ("whole", whole, false), ("first branch", branch, true) })
        {
            output.WriteLine($"projector after three writers, {name}: {measured.Labels} labels, smallest ripple text {measured.SmallestRipple:0.0} px, focus {measured.Focus:0.0} px");
            Assert.True(measured.Problems.Length == 0, string.Join("\n", measured.Problems));
            Assert.True(measured.SmallestRipple >= 24, $"{name}: ripple text {measured.SmallestRipple:0.0} px");
            Assert.True(measured.Focus >= 32, $"{name}: focus {measured.Focus:0.0} px");
            if (fits) Assert.True(measured.OffScreen == 0, $"{name}: {measured.OffScreen} labels off the screen");
        }
        Assert.Equal(3 + 36 + 1, whole.Labels);
        await using var boards = await browser.NewContextAsync(1280, 900);
        await MeasuredOnTheBoardAsync(boards, $"{Page(api)}/board", "three-writers", 3 + 36);
    }

    [Fact]
    public async Task a_ripple_added_where_its_sector_has_room_moves_nothing_a_sector_that_grows_glides_and_the_export_draws_what_the_board_draws()
    {
        var (api, clients) = await NewMapAsync("Men's shed in the old bus depot", writers: 1);
        var client = clients[0];
        var a = await AddAsync(client, api, "Shed opens", "social", null);
        await AddAsync(client, api, "Bench made", "built", null);
        await AddAsync(client, api, "Talks start", "human", null);
        for (var i = 1; i <= 4; i++) await AddAsync(client, api, $"A{i}", "social", a);

        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync($"{Page(api)}/board");
        await when_a_facilitator_runs_a_mapping_session.WaitUntilLiveAsync(page);
        var svg = page.Locator("#board-live svg");
        var ripples = page.Locator("#board-live g.ripple");
        await Expect(ripples).ToHaveCountAsync(7);
        const string Centres = "svg => Object.fromEntries([...svg.querySelectorAll('g.ripple')].map(g => { const b = g.querySelector('circle:last-of-type').getBBox(); return [g.id, [b.x + b.width / 2, b.y + b.height / 2]]; }))";
        var before = await svg.EvaluateAsync<Dictionary<string, double[]>>(Centres);
        var layout = await svg.GetAttributeAsync("data-layout");

        // A fifth under a ripple whose sector has a spare slot: nothing drawn moves.
        await AddAsync(client, api, "A5", "social", a);
        await Expect(ripples).ToHaveCountAsync(8);
        var after = await svg.EvaluateAsync<Dictionary<string, double[]>>(Centres);
        Assert.Equal(layout, await svg.GetAttributeAsync("data-layout"));
        foreach (var (id, at) in before) Assert.True(Math.Abs(at[0] - after[id][0]) < 0.01 && Math.Abs(at[1] - after[id][1]) < 0.01, $"{id} moved");

        // The exported picture draws every ripple where the board draws it.
        var exported = await page.Context.APIRequest.GetAsync($"{api}/picture");
        Assert.Equal(200, exported.Status);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var export = XDocument.Parse(await exported.TextAsync()).Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "ripple")
            .ToDictionary(g => (string)g.Attribute("id")!, g => $"{g.Attribute("data-x")!.Value},{g.Attribute("data-y")!.Value}");
        var drawn = await svg.EvaluateAsync<Dictionary<string, string>>("svg => Object.fromEntries([...svg.querySelectorAll('g.ripple')].map(g => [g.id, `${g.dataset.x},${g.dataset.y}`]))");
        Assert.Equal(drawn.OrderBy(d => d.Key), export.OrderBy(e => e.Key));

        // More under the same ripple until its sector must grow: the ripples that move glide there over half a second.
        await page.EvaluateAsync("""
            () => {
              window.glides = [];
              const animate = Element.prototype.animate;
              Element.prototype.animate = function (frames, options) {
                const animation = animate.call(this, frames, options);
                if (this.matches("g.ripple")) window.glides.push({ g: this, animation, duration: options.duration });
                return animation;
              };
            }
            """);
        for (var count = 9; await svg.GetAttributeAsync("data-layout") == layout; count++)
        {
            Assert.True(count < 30, "the sector never grew");
            after = await svg.EvaluateAsync<Dictionary<string, double[]>>(Centres);
            await page.EvaluateAsync("() => { window.glides = []; }");
            await AddAsync(client, api, $"A{count - 3}", "social", a);
            await Expect(ripples).ToHaveCountAsync(count);
        }
        var glided = await svg.EvaluateAsync<JsonElement>("""
            svg => {
              const centre = g => { const r = g.querySelector("circle:last-of-type").getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; };
              const moved = [...svg.querySelectorAll("g.ripple")].filter(g => window.glides.some(x => x.g === g)).map(g => g.id);
              const samples = window.glides.map(({ g, animation, duration }) => {
                animation.pause();
                animation.currentTime = 0; const start = centre(g);
                animation.currentTime = duration / 2; const middle = centre(g);
                animation.cancel(); const end = centre(g);
                return { id: g.id, duration, start, middle, end };
              });
              return { moved, samples };
            }
            """);
        var samples = glided.GetProperty("samples").EnumerateArray().ToList();
        Assert.NotEmpty(samples);
        foreach (var sample in samples)
        {
            double[] P(string name) => [.. sample.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];
            var (start, middle, end) = (P("start"), P("middle"), P("end"));
            var whole = double.Hypot(end[0] - start[0], end[1] - start[1]);
            Assert.Equal(500, sample.GetProperty("duration").GetDouble());
            Assert.True(whole > 1, "a gliding ripple starts where it was");
            Assert.True(double.Hypot(middle[0] - start[0], middle[1] - start[1]) > 0.2 * whole && double.Hypot(end[0] - middle[0], end[1] - middle[1]) > 0.2 * whole,
                "half way through, a gliding ripple is between where it was and where it goes");
        }
        // Every ripple drawn before that is now elsewhere is one that glided.
        var now = await svg.EvaluateAsync<Dictionary<string, double[]>>(Centres);
        var moved = glided.GetProperty("moved").EnumerateArray().Select(m => m.GetString()).ToHashSet();
        foreach (var (id, at) in after)
            if (Math.Abs(at[0] - now[id][0]) > 0.5 || Math.Abs(at[1] - now[id][1]) > 0.5) Assert.Contains(id, moved);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task the_board_shows_whole_labels_that_never_overlap_and_zooms_pans_and_fits()
    {
        var (_, board) = DemoMap();
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync(board);
        var measured = await MeasuredAsync(page, "board-demo-1280x900");
        output.WriteLine($"board: {measured.Labels} labels, smallest ripple text {measured.SmallestRipple:0.0} px at fit, {measured.SmallestRippleUnits:0.0} px at its own size");
        Assert.True(measured.Problems.Length == 0, string.Join("\n", measured.Problems));
        Assert.True(measured.SmallestRippleUnits >= 24 && measured.FocusUnits >= 32, $"ripple text {measured.SmallestRippleUnits} px, focus {measured.FocusUnits} px");

        var picture = page.Locator("#board-live .board-picture");
        var svg = page.Locator("#board-live svg");
        var fitted = await ScaleAsync(svg);
        await picture.FocusAsync();
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("+");
        Assert.True(await ScaleAsync(svg) > fitted * 1.5, "+ zooms in");
        var before = await svg.GetAttributeAsync("viewBox");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.NotEqual(before, await svg.GetAttributeAsync("viewBox"));
        await page.Keyboard.PressAsync("0");
        Assert.Equal(fitted, await ScaleAsync(svg), 3);
        await svg.HoverAsync();
        await page.Mouse.WheelAsync(0, -300);
        Assert.True(await ScaleAsync(svg) > fitted, "the wheel zooms in");
        var zoomed = await ScaleAsync(svg);
        await picture.FocusAsync();
        await page.Keyboard.PressAsync("-");
        Assert.True(await ScaleAsync(svg) < zoomed * 0.9, "− zooms out");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
        Assert.Equal(fitted, await ScaleAsync(svg), 3);

        // Two fingers moving apart on the picture zoom it in (touch pointers, as a tablet's screen sends them).
        await svg.EvaluateAsync("""
            svg => {
              const r = svg.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
              const touch = (type, id, at) => svg.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: "touch", isPrimary: id === 1, clientX: at, clientY: y, bubbles: true }));
              touch("pointerdown", 1, x - 40); touch("pointerdown", 2, x + 40);
              for (const apart of [60, 90, 120, 160]) { touch("pointermove", 1, x - apart); touch("pointermove", 2, x + apart); }
              touch("pointerup", 1, x - 160); touch("pointerup", 2, x + 160);
            }
            """);
        Assert.True(await ScaleAsync(svg) > fitted * 2.5, $"the pinch zooms in (scale {await ScaleAsync(svg)} from {fitted})");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
        await Expect(page.GetByLabel("Follow the newest ripple")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task following_the_newest_ripple_keeps_it_in_view_and_the_picture_still_moves_where_it_is_asked()
    {
        var (api, clients) = await NewMapAsync("Walking group along the canal", writers: 1);
        var client = clients[0];
        var causes = new List<Guid>();
        foreach (var first in new[] { "Walkers meet at the lock", "The canal trust joins", "Litter picks start" })
        {
            var branch = await AddAsync(client, api, first, "social", null);
            for (var i = 1; i <= 3; i++) causes.Add(await AddAsync(client, api, $"{first}: step {i}", "natural", branch));
        }
        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync($"{Page(api)}/board");
        await when_a_facilitator_runs_a_mapping_session.WaitUntilLiveAsync(page);
        var svg = page.Locator("#board-live svg");
        await page.GetByLabel("Follow the newest ripple").CheckAsync();
        await page.Locator("#board-live .board-picture").FocusAsync();
        for (var i = 0; i < 4; i++) await page.Keyboard.PressAsync("+");

        // While following, the arrow keys still move the picture.
        var before = await svg.GetAttributeAsync("viewBox");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.NotEqual(before, await svg.GetAttributeAsync("viewBox"));

        // Ripples added far from what is shown come into view, whole, one after another.
        foreach (var (cause, n) in new[] { (causes[8], 1), (causes[2], 2), (causes[5], 3) })
        {
            var id = await AddAsync(client, api, $"Newest ripple {n}, added while the board follows", "human", cause);
            var added = page.Locator($"#board-live g[id='r-{id}']");
            await Expect(added).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            // (A ripple that made its sector grow glides for half a second, so the answer is waited for.)
            var inView = await page.WaitForFunctionAsync("""
                id => { const g = document.getElementById(`r-${id}`), r = g.getBoundingClientRect(), v = g.ownerSVGElement.getBoundingClientRect();
                        return r.left >= v.left && r.top >= v.top && r.right <= v.right && r.bottom <= v.bottom; }
                """, id.ToString(), new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully);
            Assert.True(inView, $"newest ripple {n} is out of view");
        }
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task the_network_picture_shows_every_partner_name_whole_inside_the_picture_and_none_overlap()
    {
        await using var context = await browser.NewContextAsync(1920, 1080);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        var picture = await page.Context.APIRequest.GetAsync($"/api/alliances/{browser.Demo.Alliance.Id}/network/picture");
        Assert.Equal(200, picture.Status);
        await page.SetContentAsync($"<!DOCTYPE html><html lang=\"en\"><body style=\"margin:0\">{await picture.TextAsync()}</body></html>");
        var answer = await page.Locator("svg").EvaluateAsync<JsonElement>("""
            svg => {
              const view = svg.viewBox.baseVal, problems = [];
              const texts = [...svg.querySelectorAll("text")].map(t => ({ words: [...t.children].map(s => s.textContent).join(" "), b: t.getBBox() }));
              for (const [i, t] of texts.entries()) {
                if (t.b.x < view.x || t.b.y < view.y || t.b.x + t.b.width > view.x + view.width || t.b.y + t.b.height > view.y + view.height) problems.push(`"${t.words}" is cut at the edge`);
                for (const o of texts.slice(i + 1))
                  if (t.b.x < o.b.x + o.b.width && o.b.x < t.b.x + t.b.width && t.b.y < o.b.y + o.b.height && o.b.y < t.b.y + t.b.height) problems.push(`"${t.words}" overlaps "${o.words}"`);
              }
              return { names: texts.map(t => t.words), problems };
            }
            """);
        var names = answer.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList();
        var problems = answer.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(browser.Demo.Partners.Select(p => p.Name).Order(), names.Order());
        if (Environment.GetEnvironmentVariable("LAYOUT_SHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "network-picture-1920x1080.png") });
    }

    /// <summary>The board at 1280×900 as a facilitator has it: every label whole, none over another or a ripple, an arrowhead or a
    /// ring name, drawn at 24 px (the focus 32 px) at the picture's own size.</summary>
    private async Task<Measured> MeasuredOnTheBoardAsync(IBrowserContext context, string board, string name, int ripples)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync("Priya Natarajan");
        await page.GotoAsync(board);
        await Expect(page.Locator("#board-live g.ripple")).ToHaveCountAsync(ripples, new() { Timeout = 30_000 });
        var measured = await MeasuredAsync(page, $"board-{name}-1280x900");
        output.WriteLine($"board at 1280×900, {name}: {measured.Labels} labels, ripple text {measured.SmallestRippleUnits:0.0} px at its own size "
            + $"({measured.SmallestRipple:0.0} px fitted), focus {measured.FocusUnits:0.0} px");
        Assert.True(measured.Problems.Length == 0, $"{name}: " + string.Join("\n", measured.Problems));
        Assert.True(measured.SmallestRippleUnits >= 24, $"{name}: ripple text {measured.SmallestRippleUnits:0.0} px");
        Assert.True(measured.FocusUnits >= 32, $"{name}: focus {measured.FocusUnits:0.0} px");
        await page.CloseAsync();
        return measured;
    }

    private static async Task<double> ScaleAsync(ILocator svg) => double.Parse((await svg.GetAttributeAsync("data-scale"))!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Measured> MeasuredAsync(IPage page, string shot)
    {
        await Expect(page.Locator("[data-live-status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Live:"), new() { Timeout = 30_000 });
        if (Environment.GetEnvironmentVariable("LAYOUT_SHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, shot + ".png") });
        }
        var answer = await page.Locator("#board-live svg").EvaluateAsync<JsonElement>(Measure);
        for (var tries = 0; answer.TryGetProperty("detached", out _) && tries < 10; tries++)
            answer = await page.Locator("#board-live svg").EvaluateAsync<JsonElement>(Measure);
        if (Environment.GetEnvironmentVariable("LAYOUT_SHOTS") is { Length: > 0 } whole && await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).CountAsync() == 1)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(whole, shot + "-fit.png") });
        }
        return new Measured(answer.GetProperty("labels").GetInt32(), answer.GetProperty("smallestRipple").GetDouble(), answer.GetProperty("focus").GetDouble(),
            [.. answer.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)], answer.GetProperty("offScreen").GetInt32(),
            answer.GetProperty("smallestRippleUnits").GetDouble(), answer.GetProperty("focusUnits").GetDouble(),
            [.. answer.GetProperty("fills").EnumerateArray().Select(f => f.GetDouble())]);
    }

    private (Guid Map, string Board) DemoMap()
    {
        var map = browser.Demo.Maps![0].Id;
        return (map, $"/alliances/{browser.Demo.Alliance.Id}/maps/{map}/board");
    }

    /// <summary>Ripples added through the API under the first first-order ripple and its children, as a lively branch grows.</summary>
    private async Task<Guid> AddToOneBranchAsync(Guid map, int count)
    {
        var steward = browser.Demo.Members.First(m => m.Role == AllianceRole.Steward);
        using var client = new HttpClient { BaseAddress = browser.Service.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(steward.Subject));
        var api = $"/api/alliances/{browser.Demo.Alliance.Id}/maps/{map}";
        var view = JsonNode.Parse(await client.GetStringAsync(api))!;
        var branch = view["nodes"]!.AsArray().First(n => n!["order"]?.GetValue<int>() == 1)!["id"]!.GetValue<Guid>();
        var causes = new List<Guid> { branch };
        var words = new[] { "Volunteers", "trained", "to run", "the food bank", "share lifts", "to the clinic", "after the", "second meal", "council", "funds a fridge" };
        for (var i = 0; i < count; i++)
        {
            var label = i == 7
                ? LongLabel
                : string.Join(' ', Enumerable.Range(0, 2 + i % 9).Select(w => words[(i + w) % words.Length])) + $" ({i + 1})";
            using var answer = await client.PostAsJsonAsync($"{api}/ripples", new
            {
                id = Guid.NewGuid(), label, capitals = new[] { i % 2 == 0 ? "social" : "human" }, valence = "generative",
                causedBy = new[] { causes[i < 10 ? 0 : i % causes.Count] }
            });
            Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            if (i < 6) causes.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        return branch;
    }

    private const string LongLabel = "A very long account of what happened when the tenants' group met the housing association about damp, mould and broken boilers in the tower blocks";

    private static string Page(string api) => api.Replace("/api/alliances/", "/alliances/");

    /// <summary>A map of its own, started through the API, and clients for members who may add to it.</summary>
    private async Task<(string Api, List<HttpClient> Clients)> NewMapAsync(string focus, int writers)
    {
        var members = browser.Demo.Members.Where(m => m.Role is AllianceRole.Steward or AllianceRole.Facilitator or AllianceRole.Partner).Take(writers).ToList();
        var clients = members.Select(m =>
        {
            var client = new HttpClient { BaseAddress = browser.Service.Address };
            client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(m.Subject));
            return client;
        }).ToList();
        var id = Guid.NewGuid();
        using var started = await clients[0].PostAsJsonAsync($"/api/alliances/{browser.Demo.Alliance.Id}/maps", new { id, focus });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        return ($"/api/alliances/{browser.Demo.Alliance.Id}/maps/{id}", clients);
    }

    private static async Task<Guid> AddAsync(HttpClient client, string api, string label, string capital, Guid? cause)
    {
        var id = Guid.NewGuid();
        using var answer = await client.PostAsJsonAsync($"{api}/ripples", new
        {
            id, label, capitals = new[] { capital }, valence = "generative", causedBy = cause is { } c ? new[] { c } : new[] { Guid.Parse(api[^36..]) }
        });
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return id;
    }
}
