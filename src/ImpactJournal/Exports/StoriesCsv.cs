using System.Globalization;
using System.Text;
using ImpactJournal.Infrastructure;
using ImpactJournal.Stories;
using Marten;

namespace ImpactJournal.Exports;

/// <summary>
/// Stories as a CSV for R and spreadsheets: one row per story, one column per triad corner, dyad and choice of
/// the framework (versions sharing a key share a column), the themes by the codebook's current names, every cell
/// made inert for spreadsheets.
/// </summary>
public static class StoriesCsv
{
    public static readonly string[] Fixed =
        ["id", "toldOn", "title", "narrative", "tellerRole", "domainOfChange", "partner", "consentScope", "identifiable",
         "frameworkVersion", "selectedByAPanel", "themes"];

    public static async Task WriteAsync(Stream output, AnalysisSnapshot snapshot, AnalysisProject project,
        IReadOnlyList<SignifierColumn> columns, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line([.. Fixed, .. columns.Select(c => c.Name)]));
        await foreach (var story in snapshot.Stories.ToAsyncEnumerable(ct))
            await writer.WriteAsync(Line([.. Row(story, project), .. columns.Select(c => c.ValueIn(story.Signifiers) ?? "")]));
        await writer.FlushAsync(ct);
    }

    private static string[] Row(Story s, AnalysisProject project) =>
    [
        s.Id.ToString(), s.ToldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Title ?? "", s.Narrative ?? "",
        s.TellerRole ?? "", s.DomainOfChange ?? "", project.PartnerName(s.PartnerId), Vocabulary.Spell(s.Consent.Scope),
        s.Consent.Identifiable ? "true" : "false", s.FrameworkVersion?.ToString(CultureInfo.InvariantCulture) ?? "",
        s.Selections.Count > 0 ? "true" : "false", string.Join("; ", project.ThemesOf(s.Themes))
    ];

    private static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(CsvCells.Quoted)) + "\r\n";
}
