using System.Text;
using ImpactJournal.Exports;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Exports;

/// <summary>The project.qde writer on its own, with no host: what the schema asks of any project it writes.</summary>
public sealed class when_writing_a_qda_project
{
    private static readonly QdaVariable Role = new(Guid.NewGuid(), "Teller role", QdaVariableType.Text);
    private static readonly QdaVariable Weight = new(Guid.NewGuid(), "balance: People", QdaVariableType.Float);
    private static readonly QdaCode Themes = new(Guid.NewGuid(), "Themes", false, [new(Guid.NewGuid(), "housing", true, [])]);

    private static async Task<string> Write(params QdaSource[] sources)
    {
        using var output = new MemoryStream();
        await using (var writer = await QdaProjectWriter.StartAsync(output, "A project \u0001 with a control character", DateTimeOffset.UnixEpoch,
                         [Themes], [Role, Weight], default))
        {
            foreach (var source in sources) await writer.WriteAsync(source, default);
            await writer.FinishAsync(default);
        }
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.qde");
        await File.WriteAllBytesAsync(file, output.ToArray());
        var schema = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(schema, "ImpactJournal.sln"))) schema = Path.GetDirectoryName(schema)!;
        await ExternalTool.RunAsync("xmllint", "--noout", "--schema", Path.Combine(schema, "docs", "schemas", "qda-xml", "Project.xsd"), file);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task a_project_with_no_records_is_still_valid()
    {
        var xml = await Write();
        Assert.DoesNotContain("<Sources", xml);
    }

    [Fact]
    public async Task names_and_values_with_characters_xml_cannot_hold_are_cleaned_and_an_uncoded_source_has_no_selection()
    {
        var xml = await Write(
            new QdaSource(Guid.NewGuid(), "Story \u0007 bell 🔔", "Told\u0001 with a bell 🔔", DateTimeOffset.UnixEpoch, [],
                [new QdaValue(Role, "young\u0002 person"), new QdaValue(Weight, "0.333333")]),
            new QdaSource(Guid.NewGuid(), "Coded", "𝄞 clef", DateTimeOffset.UnixEpoch, [Themes.Children[0].Id], []));
        Assert.Contains("young person", xml);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(xml, "<PlainTextSelection "));
        Assert.Contains("endPosition=\"6\"", xml);
    }
}
