using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Codebook;

/// <summary>
/// After a merge and a rename, every surface that shows or counts themes reads the codebook's current names: the
/// stories' reads, the story patterns' theme filter, the review summary (JSON, Markdown, printable HTML) and the review
/// page's evidence, the notice form's suggestions, the .qdpx's codes and each source's coding (a merged theme is one
/// code, its former words in its description) and the stories CSV.
/// </summary>
public sealed class when_every_surface_reads_the_codebook(AppFixture fixture) : IntegrationContext(fixture)
{
    // A demo member, so the pages can be read through the sign-in picker.
    private const string Steward = ImpactJournal.Tests.UseCases.DemoPeople.Steward;
    private const string Partner = "surfaces-partner@example.org";
    private const string Facilitator = "surfaces-facilitator@example.org";
    private static readonly XNamespace Qda = "urn:QDA-XML:project:1.0";

    private static object Framework => new
    {
        triads = new[] { new { key = "balance", prompt = "What mattered most?", labels = new[] { "People", "Place", "Money" } } },
        choices = new[] { new { key = "feeling", prompt = "How do you feel?", options = new[] { "hopeful", "worried" } } }
    };

    private static object Story(string title, string[] themes) => new
    {
        title, narrative = $"{title} as it happened.", tellerRole = "young person", toldOn = "2026-11-20", domainOfChange = "belonging",
        themes, consent = new { scope = "commissioners", identifiable = false },
        signifiers = new
        {
            triads = new Dictionary<string, double[]> { ["balance"] = [0.7, 0.2, 0.1] },
            choices = new Dictionary<string, string> { ["feeling"] = "hopeful" }
        }
    };

    private async Task<byte[]> Download(string url)
    {
        var (status, _, body, result) = await As(Steward).SendRaw(HttpMethod.Get, url, null);
        Assert.True(status == 200, body);
        result.Context.Response.Body.Position = 0;
        using var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static string[] Names(JsonNode? themes) => [.. themes!.AsArray().Select(t => t!.GetValue<string>())];

    [Fact]
    public async Task after_a_merge_and_a_rename_each_surface_shows_and_counts_the_current_names()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("surfaces");
        await As(Facilitator).Put($"/api/alliances/{a}/signification-framework", Framework);
        var observed = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Mo has a flat of his own now.", themes: ["Homes", "peer support"],
            observedAt: "2026-11-30T10:00:00Z"));
        await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "The landlord fixed the damp.", themes: ["housing"], observedAt: "2026-11-30T11:00:00Z"));
        var story = (await As(Partner).Post($"/api/alliances/{a}/stories", Story("A key of her own", ["homes", "peer support"]))).Id();
        await As(Partner).Post($"/api/alliances/{a}/stories", Story("The damp is gone", ["housing"]));
        await CatchUpProjections();

        await As(Facilitator).Post($"/api/alliances/{a}/codebook/merges", new { themes = new[] { "homes" }, into = "housing" });
        await As(Facilitator).Post($"/api/alliances/{a}/codebook/renames", new { theme = "peer support", to = "Mutual aid" });

        // The stories' reads: current names, with the words each was coded with beside them.
        var read = await As(Steward).Get($"/api/alliances/{a}/stories/{story}");
        Assert.Equal(["housing", "mutual aid"], Names(read!["themes"]));
        Assert.Equal(["homes", "peer support"], Names(read["codedWith"]));
        var listed = (await As(Steward).Get($"/api/alliances/{a}/stories"))!["items"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == story.ToString());
        Assert.Equal(["housing", "mutual aid"], Names(listed!["themes"]));

        // The patterns' theme filter: the current name (or a former one) finds the stories coded with any of its names.
        foreach (var typed in new[] { "Housing", "homes" })
        {
            var pattern = (await As(Steward).Get($"/api/alliances/{a}/stories/patterns?theme={typed}"))!["pattern"]!;
            Assert.Equal(2, pattern["stories"]!.GetValue<int>());
        }
        Assert.Equal(1, (await As(Steward).Get($"/api/alliances/{a}/stories/patterns?theme=peer%20support"))!["pattern"]!["stories"]!.GetValue<int>());

        // The review summary in every format, and the review page's evidence.
        var review = (await As(Facilitator).Post($"/api/alliances/{a}/learning-reviews",
            new { title = "Autumn", periodStart = "2026-11-01", periodEnd = "2026-12-31", questions = new[] { "What changed?" } })).Id();
        var summary = $"/api/alliances/{a}/learning-reviews/{review}/summary";
        var byTheme = (await As(Steward).Get(summary))!["activity"]!["byTheme"]!.AsArray()
            .ToDictionary(t => t!["theme"]!.GetValue<string>(), t => t!["count"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["housing"] = 2, ["mutual aid"] = 1 }, byTheme);
        foreach (var format in new[] { "markdown", "html" })
        {
            var text = Encoding.UTF8.GetString(await Download($"{summary}?format={format}"));
            Assert.Contains("about “housing”", text);
            Assert.DoesNotContain("homes", text);
            Assert.DoesNotContain("peer support", text);
        }
        using var page = await PageVisitor.SignInAsync(Host, Steward);
        var (_, evidence) = await page.GetAsync($"/alliances/{a}/reviews/{review}");
        Assert.Contains("<span class=\"entry-text\">housing</span>", evidence);
        Assert.DoesNotContain(">homes<", evidence);

        // The notice form suggests the codebook's names, never the merged or renamed ones.
        var (_, notice) = await page.GetAsync($"/alliances/{a}/notice?draft={Guid.NewGuid()}");
        Assert.Contains("<option value=\"mutual aid\">", notice);
        Assert.DoesNotContain("value=\"homes\"", notice);
        Assert.DoesNotContain("value=\"peer support\"", notice);

        // The .qdpx: one code per current name, the former words in its description, each source coded by current names.
        using var zip = new ZipArchive(new MemoryStream(await Download($"/api/alliances/{a}/exports/qdpx")));
        var qde = zip.GetEntry("project.qde")!;
        var folder = Directory.CreateTempSubdirectory("codebook-qdpx-").FullName;
        qde.ExtractToFile(Path.Combine(folder, "project.qde"));
        await ExternalTool.RunAsync("xmllint", "--noout", "--schema", RepositoryFile("docs", "schemas", "qda-xml", "Project.xsd"),
            Path.Combine(folder, "project.qde"));
        var project = XDocument.Load(Path.Combine(folder, "project.qde"));
        var themes = project.Descendants(Qda + "Code").Single(c => c.Attribute("name")!.Value == "Themes").Elements(Qda + "Code").ToList();
        Assert.Equal(["housing", "mutual aid"], themes.Select(c => c.Attribute("name")!.Value));
        Assert.Equal("Also recorded as “homes”.", themes[0].Element(Qda + "Description")!.Value);
        Assert.Equal("Also recorded as “peer support”.", themes[1].Element(Qda + "Description")!.Value);
        var codes = project.Descendants(Qda + "Code").ToDictionary(c => c.Attribute("guid")!.Value, c => c.Attribute("name")!.Value);
        string[] CodedWith(Guid id) => [.. project.Descendants(Qda + "TextSource").Single(s => s.Attribute("guid")!.Value == id.ToString())
            .Descendants(Qda + "CodeRef").Select(r => codes[r.Attribute("targetGUID")!.Value]).Where(n => !n.EndsWith(" capital")).Order()];
        Assert.Equal(["housing", "mutual aid"], CodedWith(observed));
        Assert.Equal(["housing", "mutual aid"], CodedWith(story));

        // The stories CSV: a themes column in the current names.
        var csv = Encoding.UTF8.GetString(await Download($"/api/alliances/{a}/stories/export?format=csv"));
        var header = csv.Split("\r\n")[0].Split(',');
        var row = csv.Split("\r\n").Single(l => l.StartsWith(story.ToString())).Split(',');
        Assert.Equal("housing; mutual aid", row[Array.IndexOf(header, "themes")]);
    }

    private static string RepositoryFile(params string[] parts)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ImpactJournal.sln"))) root = Path.GetDirectoryName(root)!;
        return Path.Combine([root, .. parts]);
    }
}
