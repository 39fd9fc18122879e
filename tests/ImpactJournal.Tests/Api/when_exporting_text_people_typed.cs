using ImpactJournal.Infrastructure;
using ImpactJournal.LearningReviews;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Api;

/// <summary>Text people typed leaves the journal inert: as CSV for spreadsheets, as Markdown for wikis and emails.</summary>
public sealed class when_exporting_text_people_typed(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "typed-steward@example.org";
    private const string Partner = "typed-partner@example.org";

    [Fact]
    public async Task a_formula_in_a_reading_note_is_not_a_formula_in_the_exported_csv()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("typed");
        var i = (await As(Partner).Post($"/api/alliances/{a}/indicators", new { name = "n", question = "q", unit = "count", method = "m", proposedBy = "p" })).Id();
        await As(Partner).Post($"/api/alliances/{a}/indicators/{i}/readings", new
        {
            value = 3, observedOn = "2025-01-01", note = "=HYPERLINK(\"http://evil.example\",\"click\")", source = "@SUM(A1)"
        });
        var (_, _, csv, _) = await As(Partner).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/indicators/{i}/readings?format=csv", null);
        var row = csv.Split("\r\n")[1];
        Assert.Contains("'=HYPERLINK", row);
        Assert.Contains("'@SUM(A1)", row);
        Assert.DoesNotContain(",=", row);
        Assert.DoesNotContain(",\"=", row);
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))", "](")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("![pixel](http://tracker.example/p.png)", "![")]
    [InlineData("# Not a heading", "# Not")]
    [InlineData("**shouting** and `code`", "**")]
    public void the_markdown_summary_escapes_what_people_typed(string typed, string mustNotAppear)
    {
        var line = SectionedText.Line(typed);
        // The mark may appear only escaped (right after a backslash).
        Assert.DoesNotMatch(@"(?<!\\)" + System.Text.RegularExpressions.Regex.Escape(mustNotAppear), line);
        Assert.Equal(typed, System.Text.RegularExpressions.Regex.Replace(line, @"\\(.)", "$1"));
    }

    [Fact]
    public async Task a_reflection_with_a_link_reaches_the_markdown_summary_as_plain_text()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("typed");
        var reviews = $"/api/alliances/{a}/learning-reviews";
        var r = (await As(Steward).Post(reviews, new { title = "<script>alert(1)</script> review", periodStart = "2025-01-01", periodEnd = "2025-03-31" })).Id();
        await As(Partner).Post($"{reviews}/{r}/reflections", new { kind = "noticed", text = "[open](javascript:alert(document.cookie)) <b>bold</b>" });
        var (_, _, markdown, _) = await As(Steward).SendRaw(HttpMethod.Get, $"{reviews}/{r}/summary?format=markdown", null);
        Assert.DoesNotContain("<script>", markdown);
        Assert.DoesNotContain("](javascript:", markdown);
        Assert.DoesNotContain("<b>", markdown);
        Assert.Contains("\\[open\\]\\(javascript:alert\\(document.cookie\\)\\)", markdown);
    }

    [Fact]
    public void the_compose_file_loads_the_demo_only_when_asked()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ImpactJournal.sln"))) root = Path.GetDirectoryName(root)!;
        var compose = File.ReadAllText(Path.Combine(root, "docker", "docker-compose.yml"));
        Assert.Contains("Demo__Seed: \"${DEMO_SEED:-false}\"", compose);
    }
}
