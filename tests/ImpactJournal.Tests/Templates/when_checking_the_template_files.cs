using ImpactJournal.Alliances;
using System.Text.Json.Nodes;
using ImpactJournal.Templates;
using Json.Schema;
using Xunit;

namespace ImpactJournal.Tests.Templates;

/// <summary>
/// The open template files in the repository's templates folder: each follows templates/template.schema.json (checked with a
/// JSON Schema validator, straight from the files people read and copy), there is one per collaboration model, and the
/// service reads the same seven.
/// </summary>
public sealed class when_checking_the_template_files
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "templates");

    public static TheoryData<string> Files => [.. Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith(".schema.json")).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Files))]
    public void each_file_follows_the_schema(string file)
    {
        var schema = JsonSchema.FromFile(Path.Combine(Folder, "template.schema.json"));
        var results = schema.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file))), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", results.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void there_is_one_file_per_collaboration_model_named_by_its_key()
    {
        var files = Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith(".schema.json"))
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Node: JsonNode.Parse(File.ReadAllText(f))!)).ToList();
        Assert.Equal(CollaborationModels.Keys.Order(), files.Select(f => f.Name).Order());
        Assert.All(files, f => Assert.Equal(f.Name, (string)f.Node["key"]!));
        Assert.All(files, f => Assert.Equal(f.Name, (string)f.Node["collaborationModel"]!));
    }

    [Fact]
    public void the_service_reads_the_same_seven_with_substance_in_each()
    {
        Assert.Equal(CollaborationModels.Keys, TemplateLibrary.BuiltIn.Select(t => t.Key));
        Assert.All(TemplateLibrary.BuiltIn, t =>
        {
            Assert.InRange(t.Imperatives.Count, 4, 20);
            Assert.InRange(t.Indicators.Count, 3, 12);
            Assert.InRange(t.ReviewQuestions.Count, 3, 20);
            Assert.False(t.Framework.IsEmpty);
            Assert.All(t.Indicators, i => Assert.True(i.NarrativeOfSuccess.Length > 40));
            Assert.True(t.WhenThisFits.Length > 200);
        });
        // The embedded copies are the repository's files, not an older build's.
        Assert.All(TemplateLibrary.BuiltIn, t => Assert.Equal(
            JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, $"{t.Key}.json")))!.ToJsonString(), JsonNode.Parse(t.ToJson())!.ToJsonString()));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ImpactJournal.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
