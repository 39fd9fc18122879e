using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ImpactJournal.Access;
using Xunit;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A commissioner crawls the demo alliance: every link reachable from its home page, the story patterns (their dots,
/// comparisons and projector) and the downloads for analysis tools included, is followed, and nothing that comes back
/// holds a story the commissioner may not read: not its id (a dot's link), nor its title, nor its words.
/// </summary>
public sealed partial class when_a_commissioner_follows_every_link(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int MostPages = 3000;

    [GeneratedRegex("href=\"([^\"#]+)")]
    private static partial Regex Links();

    [Fact]
    public async Task no_page_or_download_holds_a_story_kept_for_the_alliance()
    {
        var demo = browser.Demo;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var hidden = demo.Stories.Where(s => !s.Consent.AllowsReadingBy(AllianceRole.Commissioner, today)).ToList();
        Assert.Contains(hidden, s => s.Consent.Scope == ImpactJournal.Journal.ConsentScope.Alliance);
        var secrets = hidden.SelectMany(s => new[] { s.Id.ToString(), s.Title ?? "", (s.Narrative ?? "")[..Math.Min(60, (s.Narrative ?? "").Length)] })
            .Where(secret => secret.Length > 0).ToList();

        await using var context = await browser.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.SignInAsync("Tom Whitfield");
        var home = $"/alliances/{demo.Alliance.Id}";
        var api = $"/api{home}";

        // Comparisons are asked for with the patterns' form, so the two the demo is told with start the crawl beside the home page.
        var newest = demo.Stories.Max(s => s.ToldOn);
        string[] starts = [home, $"{home}/stories/patterns?role=young%20person&compare=on&b.role=staff",
            $"{home}/stories/patterns?to={newest.AddDays(-366):yyyy-MM-dd}&compare=on&b.from={newest.AddDays(-365):yyyy-MM-dd}"];
        var seen = starts.ToHashSet();
        var waiting = new Queue<string>(starts);
        while (waiting.TryDequeue(out var address))
        {
            var response = await context.APIRequest.GetAsync(address);
            Assert.True(response.Status < 500, $"{address} answered {response.Status}");
            var body = await response.BodyAsync();
            var text = response.Headers.GetValueOrDefault("content-type", "").StartsWith("application/zip") ? Unzipped(body) : Encoding.UTF8.GetString(body);
            var read = WebUtility.HtmlDecode(text);
            foreach (var secret in secrets) Assert.False(read.Contains(secret, StringComparison.Ordinal), $"{address} holds “{secret}”");

            foreach (var link in Links().Matches(text).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                if (!(link.StartsWith(home + "/") || link == home || link.StartsWith(api + "/")) || !seen.Add(link)) continue;
                Assert.True(seen.Count < MostPages, $"more than {MostPages} addresses: the crawl is not converging");
                waiting.Enqueue(link);
            }
        }

        // The crawl reached the patterns, a comparison's and the projector's pages, a story, and both downloads.
        Assert.Contains($"{home}/stories/patterns", seen);
        Assert.Contains(seen, a => a.StartsWith($"{home}/stories/patterns/projector"));
        Assert.Contains(seen, a => a.StartsWith($"{home}/stories/patterns") && a.Contains("choice."));
        Assert.Contains($"{api}/exports/qdpx", seen);
        Assert.Contains($"{api}/stories/export?format=csv", seen);
        var readable = demo.Stories.First(s => s.Consent.AllowsReadingBy(AllianceRole.Commissioner, today));
        Assert.Contains($"{home}/stories/{readable.Id}", seen);
    }

    private static string Unzipped(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        var text = new StringBuilder();
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }
}
