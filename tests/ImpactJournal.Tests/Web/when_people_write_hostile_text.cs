using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImpactJournal.Access;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// Script and markup typed into an observation's text and theme, a story's title, a review's reflection,
/// a member's display name, a partner's name and an imperative are shown as text on every page that shows
/// them: no dialog opens, no element is injected, and every page forbids inline script in its
/// Content-Security-Policy.
/// </summary>
public sealed class when_people_write_hostile_text(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Payload = "<script>alert('x')</script>\"><img src=x onerror=alert(2)>";

    [Fact]
    public async Task every_page_shows_it_as_text_under_a_policy_that_forbids_inline_script()
    {
        var alliance = browser.Demo.Alliance.Id;
        var api = $"/api/alliances/{alliance}";
        var steward = browser.Demo.Members.First(m => m.Role == AllianceRole.Steward);
        var partner = browser.Demo.Members.First(m => m.DisplayName == "Dan Mercer");
        var marker = Guid.NewGuid().ToString("N")[..8];
        string Hostile(string what) => $"{what} {marker} {Payload}";

        using var asSteward = Client(steward.Subject);
        using var asPartner = Client(partner.Subject);
        await Created(asSteward.PostAsJsonAsync($"{api}/members", new { subject = $"hostile-{marker}@ashworth.example", displayName = Hostile("Member"), role = "facilitator" }));
        await Created(asSteward.PostAsJsonAsync($"{api}/partners", new { id = Guid.NewGuid(), name = Hostile("Partner"), kind = "other" }));
        await Created(asSteward.PostAsJsonAsync($"{api}/imperatives", new { id = Guid.NewGuid(), text = Hostile("Imperative") }));
        var observation = await Created(asPartner.PostAsJsonAsync($"{api}/observations", new
        {
            id = Guid.NewGuid(), text = Hostile("Observation"), observedAt = DateTimeOffset.UtcNow.AddHours(-1), themes = new[] { Hostile("theme") },
            valence = "generative", consent = new { scope = "commissioners", identifiable = false }
        }));
        var story = await Created(asPartner.PostAsJsonAsync($"{api}/stories", new
        {
            id = Guid.NewGuid(), title = Hostile("Story"), narrative = Hostile("Narrative"), tellerRole = "resident",
            toldOn = DateOnly.FromDateTime(DateTime.UtcNow), consent = new { scope = "commissioners", identifiable = false }
        }));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var review = await Created(asSteward.PostAsJsonAsync($"{api}/learning-reviews", new
        {
            // Ending today, it is the alliance's latest review, the one the dashboard shows (the demo's are dated around today).
            id = Guid.NewGuid(), title = Hostile("Review"), periodStart = today.AddMonths(-6), periodEnd = today, questions = new[] { Hostile("Question") }
        }));
        await Created(asPartner.PostAsJsonAsync($"{api}/learning-reviews/{review}/reflections", new { id = Guid.NewGuid(), kind = "surprised", text = Hostile("Reflection") }));
        await Created(asPartner.PostAsJsonAsync($"{api}/learning-reviews/{review}/adaptations", new { id = Guid.NewGuid(), text = Hostile("Adaptation"), owner = Hostile("Owner") }));
        var map = await Created(asSteward.PostAsJsonAsync($"{api}/maps", new { id = Guid.NewGuid(), focus = Hostile("Map"), description = Hostile("About") }));
        var mapping = await Created(asSteward.PostAsJsonAsync($"{api}/maps/{map}/sessions", new
        {
            id = Guid.NewGuid(), title = Hostile("Session"), heldOn = "2025-04-22", participants = new { count = 9, roles = new[] { Hostile("Role") } }
        }));
        await Created(asPartner.PostAsJsonAsync($"{api}/maps/{map}/ripples", new
        {
            id = Guid.NewGuid(), label = Hostile("Ripple"), description = Hostile("Detail"), capitals = new[] { "social" }, valence = "generative",
            intended = true, sessionId = mapping, causedBy = new[] { map }, evidence = new[] { new { kind = "observation", id = observation } }
        }));

        var home = $"/alliances/{alliance}";
        var pages = new (string Person, string Path, string[] Shows)[]
        {
            ("Dan Mercer", $"{home}/entries", ["Observation", "theme"]),
            ("Dan Mercer", $"{home}/entries/{observation}", ["Observation", "theme"]),
            ("Dan Mercer", $"{home}/notice", []),
            ("Dan Mercer", $"{home}/stories", ["Story"]),
            ("Dan Mercer", $"{home}/stories/{story}", ["Story", "Narrative"]),
            ("Dan Mercer", $"{home}/reviews", ["Review"]),
            ("Dan Mercer", $"{home}/reviews/{review}", ["Review", "Question", "Reflection", "Adaptation", "Owner"]),
            ("Dan Mercer", $"{home}/reviews/{review}/summary", ["Review", "Reflection", "Adaptation"]),
            ("Priya Natarajan", $"{home}/members", ["Member"]),
            ("Priya Natarajan", $"{home}/settings", ["Partner", "Imperative"]),
            ("Priya Natarajan", $"{home}/stories/tell", ["Partner"]),
            ("Priya Natarajan", home, []),
            ("Priya Natarajan", $"{home}/maps/{map}/board", ["Map", "Session", "Ripple"]),
            ("Priya Natarajan", $"{home}/maps/{map}/board?since=last-session", ["Ripple"]),
            ("Tom Whitfield", $"{home}/maps/{map}/projector", ["Map"]),
            ("Tom Whitfield", $"{home}/dashboard", ["Review"]),
            ("Tom Whitfield", $"{home}/stories/{story}", ["Story"]),
            ("Tom Whitfield", $"{home}/reviews/{review}/summary", ["Reflection"]),
        };
        foreach (var person in pages.GroupBy(p => p.Person))
        {
            await using var context = await browser.NewContextAsync(1280, 900);
            var page = await context.NewPageAsync();
            var dialogs = new List<string>();
            page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
            await page.SignInAsync(person.Key);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
            foreach (var (_, path, shows) in person)
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response!.Status);
                var policy = await response.HeaderValueAsync("content-security-policy") ?? "";
                Assert.Contains("script-src 'self'", policy);
                Assert.DoesNotContain("unsafe-inline", policy.Split(';').First(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
                var text = await page.InnerTextAsync("main");
                foreach (var what in shows) Assert.Contains(Hostile(what), text);
                Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
                Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => !s.src).length"));
                Assert.Empty(dialogs);
            }
        }
    }

    private HttpClient Client(string subject)
    {
        var client = new HttpClient { BaseAddress = browser.Service.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(subject));
        return client;
    }

    private static async Task<Guid> Created(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)?["id"]?.GetValue<Guid>() ?? Guid.Empty;
    }
}
