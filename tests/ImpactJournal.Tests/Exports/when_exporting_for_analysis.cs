using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Exports;

/// <summary>
/// The REFI-QDA project (.qdpx) and the stories CSV: what NVivo, ATLAS.ti, MAXQDA, QualCoder, R and spreadsheets
/// receive, within each reader's consent.
/// </summary>
public sealed class when_exporting_for_analysis(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "analysis-steward@example.org";
    private const string Partner = "analysis-partner@example.org";
    private const string Facilitator = "analysis-facilitator@example.org";
    private const string Commissioner = "analysis-commissioner@example.org";
    private static readonly XNamespace Qda = "urn:QDA-XML:project:1.0";

    private const string Emoji = "Café opened 😀🏠 on Tuesday\r\nSecond line — «quoted» & <b>not markup</b>\n👩‍👩‍👧 came too";

    private static object Framework(string corner) => new
    {
        triads = new[] { new { key = "balance", prompt = "What mattered most?", labels = new[] { "People", corner, "Money" } } },
        dyads = new[] { new { key = "pace", prompt = "How fast?", left = "slowly", right = "quickly" } },
        choices = new[] { new { key = "feeling", prompt = "How do you feel?", options = new[] { "hopeful", "worried" } } }
    };

    private static object Story(string title, string narrative, string scope = "commissioners", object? signifiers = null) => new
    {
        title, narrative, tellerRole = "young person", toldOn = "2025-03-01", domainOfChange = "belonging",
        consent = new { scope, identifiable = false },
        signifiers = signifiers ?? new
        {
            triads = new Dictionary<string, double[]> { ["balance"] = [0.2, 0.3, 0.5] },
            dyads = new Dictionary<string, double> { ["pace"] = 0.25 },
            choices = new Dictionary<string, string> { ["feeling"] = "hopeful" }
        }
    };

    private async Task<Guid> AnAlliance()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("analysis");
        await As(Facilitator).Put($"/api/alliances/{a}/signification-framework", Framework("Place"));
        return a;
    }

    private async Task<byte[]> Download(string subject, string url, string expectedType)
    {
        var (status, contentType, body, result) = await As(subject).SendRaw(HttpMethod.Get, url, null);
        Assert.True(status == 200, body);
        Assert.StartsWith(expectedType, contentType);
        result.Context.Response.Body.Position = 0;
        using var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private Task<byte[]> Qdpx(string subject, Guid a) => Download(subject, $"/api/alliances/{a}/exports/qdpx", "application/zip");

    private async Task<string> Csv(string subject, Guid a) =>
        Encoding.UTF8.GetString(await Download(subject, $"/api/alliances/{a}/stories/export?format=csv", "text/csv"));

    private static Dictionary<string, byte[]> Unzip(byte[] qdpx)
    {
        using var zip = new ZipArchive(new MemoryStream(qdpx));
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    private static string RepositoryFile(params string[] parts)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ImpactJournal.sln"))) root = Path.GetDirectoryName(root)!;
        return Path.Combine([root, .. parts]);
    }

    [Fact]
    public async Task the_project_validates_against_the_refi_qda_schema_with_its_codes_variables_and_offsets_in_code_points()
    {
        var a = await AnAlliance();
        var first = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: Emoji, themes: ["Wohnen & Küche", "belonging"],
            capitals: ["social", "built"], scope: "commissioners"));
        var second = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Plain words, one line.", themes: ["food"], capitals: ["human"]));
        var story = (await As(Partner).Post($"/api/alliances/{a}/stories", Story("A key \"of her own\" 🔑", "She has a key.\nNow she cooks. ✨"))).Id();
        await CatchUpProjections();

        var files = Unzip(await Qdpx(Steward, a));
        var folder = Directory.CreateTempSubdirectory("qdpx-").FullName;
        foreach (var (name, bytes) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
        }
        await ExternalTool.RunAsync("xmllint", "--noout", "--schema", RepositoryFile("docs", "schemas", "qda-xml", "Project.xsd"),
            Path.Combine(folder, "project.qde"));

        var project = XDocument.Parse(Encoding.UTF8.GetString(files["project.qde"]));
        var sources = project.Descendants(Qda + "TextSource").ToList();
        Assert.Equal(new[] { first, second, story }.Select(id => id.ToString()).Order(), sources.Select(s => s.Attribute("guid")!.Value).Order());
        Assert.Equal(sources.Select(s => $"sources/{s.Attribute("guid")!.Value}.txt").Order(), files.Keys.Where(k => k != "project.qde").Order());
        Assert.Equal(Emoji, Encoding.UTF8.GetString(files[$"sources/{first}.txt"]));

        // Positions count code points, as Python's len() does, never UTF-16 units.
        var lengths = JsonNode.Parse(await ExternalTool.RunAsync("python3", "-c", """
            import json, os, sys
            folder = os.path.join(sys.argv[1], "sources")
            print(json.dumps({f[:-4]: len(open(os.path.join(folder, f), encoding="utf-8", newline="").read()) for f in os.listdir(folder)}))
            """, folder))!.AsObject();
        foreach (var selection in project.Descendants(Qda + "PlainTextSelection"))
        {
            var source = selection.Parent!.Attribute("guid")!.Value;
            Assert.Equal("0", selection.Attribute("startPosition")!.Value);
            Assert.Equal(lengths[source]!.GetValue<int>(), int.Parse(selection.Attribute("endPosition")!.Value));
        }
        var emojiEnd = int.Parse(sources.Single(s => s.Attribute("guid")!.Value == first.ToString()).Element(Qda + "PlainTextSelection")!.Attribute("endPosition")!.Value);
        Assert.True(emojiEnd < Emoji.Length, $"{emojiEnd} positions for {Emoji.Length} UTF-16 units");

        // Codes: themes and capitals, each under a parent of its own; each observation coded with exactly its own.
        var codes = project.Descendants(Qda + "Code").ToDictionary(c => c.Attribute("guid")!.Value, c => c.Attribute("name")!.Value);
        var parents = project.Element(Qda + "Project")!.Element(Qda + "CodeBook")!.Element(Qda + "Codes")!.Elements(Qda + "Code").ToList();
        Assert.Equal(["Themes", "Community capitals"], parents.Select(p => p.Attribute("name")!.Value));
        Assert.Equal(7, parents[1].Elements(Qda + "Code").Count());
        Assert.Contains("wohnen & küche", parents[0].Elements(Qda + "Code").Select(c => c.Attribute("name")!.Value));
        string[] CodedWith(Guid id) => [.. sources.Single(s => s.Attribute("guid")!.Value == id.ToString()).Descendants(Qda + "CodeRef")
            .Select(r => codes[r.Attribute("targetGUID")!.Value]).Order()];
        Assert.Equal(["Built capital", "Social capital", "belonging", "wohnen & küche"], CodedWith(first));
        Assert.Equal(["Human capital", "food"], CodedWith(second));

        // Variables: the story's teller role, consent, partner and each signifier value.
        var variables = project.Descendants(Qda + "Variable").ToDictionary(v => v.Attribute("guid")!.Value, v => v.Attribute("name")!.Value);
        var storyValues = sources.Single(s => s.Attribute("guid")!.Value == story.ToString()).Elements(Qda + "VariableValue")
            .ToDictionary(v => variables[v.Element(Qda + "VariableRef")!.Attribute("targetGUID")!.Value], v => v.Elements().Last().Value);
        Assert.Equal("young person", storyValues["Teller role"]);
        Assert.Equal("commissioners", storyValues["Consent scope"]);
        Assert.Equal("Harbour Housing", storyValues["Partner"]);
        Assert.Equal("2025-03-01", storyValues["Date"]);
        Assert.Equal("0.3", storyValues["balance: Place"]);
        Assert.Equal("0.25", storyValues["pace: slowly to quickly"]);
        Assert.Equal("hopeful", storyValues["feeling"]);
    }

    [Fact]
    public async Task a_commissioners_project_holds_only_what_tellers_gave_them_and_nobody_gets_a_withdrawn_or_retracted_record()
    {
        var a = await AnAlliance();
        var shared = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Shared with commissioners", scope: "commissioners"));
        var inside = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Only for the alliance SECRET-OBS", scope: "alliance", themes: ["inner-theme"]));
        var withdrawn = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Taken back WITHDRAWN-OBS", scope: "public"));
        var retracted = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "A mistake RETRACTED-OBS", scope: "public"));
        var publicStory = (await As(Partner).Post($"/api/alliances/{a}/stories", Story("Open", "For everyone", "public"))).Id();
        var insideStory = (await As(Partner).Post($"/api/alliances/{a}/stories", Story("Inside SECRET-STORY", "Only us SECRET-STORY", "alliance"))).Id();
        var withdrawnStory = (await As(Partner).Post($"/api/alliances/{a}/stories", Story("Gone", "Taken back WITHDRAWN-STORY", "public"))).Id();
        await As(Partner).Post($"/api/alliances/{a}/observations/{withdrawn}/consent-withdrawal", null, expect: 200);
        await As(Partner).Post($"/api/alliances/{a}/stories/{withdrawnStory}/consent-withdrawal", null, expect: 200);
        await As(Partner).Post($"/api/alliances/{a}/observations/{retracted}/retraction", new { reason = "wrong alliance" }, expect: 200);
        await CatchUpProjections();

        static string[] Sources(Dictionary<string, byte[]> files) =>
            [.. XDocument.Parse(Encoding.UTF8.GetString(files["project.qde"])).Descendants(Qda + "TextSource").Select(s => s.Attribute("guid")!.Value).Order()];
        static string Everything(Dictionary<string, byte[]> files) => string.Concat(files.Values.Select(Encoding.UTF8.GetString));

        var commissioners = Unzip(await Qdpx(Commissioner, a));
        Assert.Equal(new[] { shared, publicStory }.Select(id => id.ToString()).Order(), Sources(commissioners));
        Assert.Equal(new[] { shared, publicStory }.Select(id => $"sources/{id}.txt").Order(), commissioners.Keys.Where(k => k != "project.qde").Order());
        foreach (var hidden in new[] { "SECRET-OBS", "SECRET-STORY", "WITHDRAWN-OBS", "WITHDRAWN-STORY", "RETRACTED-OBS", "inner-theme",
                     inside.ToString(), insideStory.ToString(), withdrawn.ToString(), withdrawnStory.ToString() })
            Assert.DoesNotContain(hidden, Everything(commissioners));

        var stewards = Unzip(await Qdpx(Steward, a));
        Assert.Equal(new[] { shared, inside, publicStory, insideStory }.Select(id => id.ToString()).Order(), Sources(stewards));
        foreach (var hidden in new[] { "WITHDRAWN-OBS", "WITHDRAWN-STORY", "RETRACTED-OBS", withdrawn.ToString(), withdrawnStory.ToString(), retracted.ToString() })
            Assert.DoesNotContain(hidden, Everything(stewards));
    }

    [Fact]
    public async Task the_stories_csv_has_a_column_per_corner_dyad_and_choice_shared_across_versions_with_formulas_made_inert()
    {
        var a = await AnAlliance();
        var first = (await As(Partner).Post($"/api/alliances/{a}/stories", Story("=HYPERLINK(\"http://evil.example\",\"click\")", "Told under version 1"))).Id();
        await As(Facilitator).Put($"/api/alliances/{a}/signification-framework", Framework("Where it happened"));
        var second = (await As(Partner).Post($"/api/alliances/{a}/stories", Story("Second", "@SUM(A1) under version 2, line one\nline two", signifiers: new
        {
            triads = new Dictionary<string, double[]> { ["balance"] = [0.6, 0.4, 0] },
            choices = new Dictionary<string, string> { ["feeling"] = "worried" }
        }))).Id();
        await As(Partner).Post($"/api/alliances/{a}/stories", Story("Inside", "Alliance only SECRET-STORY", "alliance"));
        await CatchUpProjections();

        var csv = await Csv(Steward, a);
        var rows = ParseCsv(csv);
        Assert.Equal(["id", "toldOn", "title", "narrative", "tellerRole", "domainOfChange", "partner", "consentScope", "identifiable",
            "frameworkVersion", "selectedByAPanel", "themes", "balance: People", "balance: Where it happened", "balance: Money", "pace: slowly to quickly", "feeling"], rows[0]);
        Assert.Equal(4, rows.Count);
        var byId = rows.Skip(1).ToDictionary(r => r[0]);
        var one = byId[first.ToString()];
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", one[2]);
        Assert.Equal(["0.2", "0.3", "0.5", "0.25", "hopeful"], one[12..]);
        Assert.Equal("1", one[9]);
        Assert.Equal("", one[11]);
        var two = byId[second.ToString()];
        Assert.Equal("'@SUM(A1) under version 2, line one\nline two", two[3]);
        Assert.Equal(["0.6", "0.4", "0", "", "worried"], two[12..]);
        Assert.Equal("2", two[9]);
        Assert.Equal("young person", two[4]);
        Assert.Equal("Harbour Housing", two[6]);

        var commissioners = await Csv(Commissioner, a);
        Assert.DoesNotContain("SECRET-STORY", commissioners);
        Assert.Equal(3, ParseCsv(commissioners).Count);
    }

    [Fact]
    public async Task another_alliance_is_not_found_a_missing_token_is_unauthorised_and_an_unknown_format_is_refused()
    {
        var a = await AnAlliance();
        await As("analysis-outsider@example.org").FormAlliance("Elsewhere");
        foreach (var url in new[] { $"/api/alliances/{a}/exports/qdpx", $"/api/alliances/{a}/stories/export?format=csv" })
        {
            Assert.Equal(404, (await As("analysis-outsider@example.org").SendRaw(HttpMethod.Get, url, null)).Status);
            Assert.Equal(401, (await Anonymous().SendRaw(HttpMethod.Get, url, null)).Status);
        }
        var (status, contentType, body, _) = await As(Steward).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/stories/export?format=xlsx", null);
        Assert.Equal(400, status);
        Assert.StartsWith("application/problem+json", contentType);
        Assert.Contains("format", body);
    }

    /// <summary>RFC 4180 as R's read.csv and spreadsheets read it: quoted cells may hold commas, quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else cell.Append(c);
        }
        return rows;
    }
}
