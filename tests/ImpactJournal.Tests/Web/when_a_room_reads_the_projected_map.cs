using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private sealed record Measured(int Labels, double SmallestRipple, double Focus, string[] Problems);

    // Every label, node, arrowhead and ring name as a box in the picture's units; font sizes in CSS px as drawn.
    private const string Measure = """
        svg => {
          const scale = svg.getScreenCTM().a;
          const box = (b, pad = 0) => ({ l: b.x - pad, t: b.y - pad, r: b.x + b.width + pad, b: b.y + b.height + pad });
          const overlap = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
          const problems = [];
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
          return { labels: labels.length, smallestRipple: Math.min(...ripples.map(l => l.px)), focus: labels.find(l => l.owner.id === "focus")?.px ?? 0, problems };
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

        await AddToOneBranchAsync(map, 40);
        await projector.ReloadAsync();
        await Expect(projector.Locator("#board-live g.ripple")).ToHaveCountAsync(demo.Labels - 1 + 40);
        var grown = await MeasuredAsync(projector, "projector-40-more-1920x1080");
        await projector.AssertAccessibleAsync();

        foreach (var (name, measured) in new[] { ("demo map", demo), ("40 more on one branch", grown) })
        {
            output.WriteLine($"projector, {name}: {measured.Labels} labels, smallest ripple text {measured.SmallestRipple:0.0} px, focus {measured.Focus:0.0} px");
            Assert.True(measured.Problems.Length == 0, string.Join("\n", measured.Problems));
            Assert.True(measured.SmallestRipple >= 24, $"{name}: ripple text {measured.SmallestRipple:0.0} px");
            Assert.True(measured.Focus >= 32, $"{name}: focus {measured.Focus:0.0} px");
        }
        Assert.All(opacities, o => Assert.Equal(1, o));
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
        output.WriteLine($"board: {measured.Labels} labels, smallest ripple text {measured.SmallestRipple:0.0} px at fit");
        Assert.True(measured.Problems.Length == 0, string.Join("\n", measured.Problems));

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
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
        Assert.Equal(fitted, await ScaleAsync(svg), 3);
        await Expect(page.GetByLabel("Follow the newest ripple")).ToBeVisibleAsync();
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
        if (Environment.GetEnvironmentVariable("LAYOUT_SHOTS") is { Length: > 0 } whole && await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).CountAsync() == 1)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(whole, shot + "-fit.png") });
        }
        return new Measured(answer.GetProperty("labels").GetInt32(), answer.GetProperty("smallestRipple").GetDouble(), answer.GetProperty("focus").GetDouble(),
            [.. answer.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)]);
    }

    private (Guid Map, string Board) DemoMap()
    {
        var map = browser.Demo.Maps![0].Id;
        return (map, $"/alliances/{browser.Demo.Alliance.Id}/maps/{map}/board");
    }

    /// <summary>Ripples added through the API under the first first-order ripple and its children, as a lively branch grows.</summary>
    private async Task AddToOneBranchAsync(Guid map, int count)
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
                ? "A very long account of what happened when the tenants' group met the housing association about damp, mould and broken boilers in the tower blocks"
                : string.Join(' ', Enumerable.Range(0, 2 + i % 9).Select(w => words[(i + w) % words.Length])) + $" ({i + 1})";
            using var answer = await client.PostAsJsonAsync($"{api}/ripples", new
            {
                id = Guid.NewGuid(), label, capitals = new[] { i % 2 == 0 ? "social" : "human" }, valence = "generative",
                causedBy = new[] { causes[i < 10 ? 0 : i % causes.Count] }
            });
            Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            if (i < 6) causes.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
    }
}
