using ImpactJournal.Infrastructure;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ImpactJournal.RippleMaps;

/// <summary>A zip of two CSV files, nodes.csv and links.csv, that spreadsheets and graph tools open.</summary>
public static class CsvExport
{
    public static byte[] Write(MapExportGraph graph)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, "nodes.csv", ["id", "kind", "label", "order", "capitals", "valence", "intended"],
                graph.Nodes.Select(n => new[]
                {
                    n.Id.ToString(), n.Kind, n.Label, n.Order?.ToString(CultureInfo.InvariantCulture) ?? "",
                    string.Join(';', n.Capitals), n.Valence ?? "", n.Intended is { } i ? (i ? "true" : "false") : ""
                }));
            WriteEntry(zip, "links.csv", ["id", "from", "to", "relation", "status", "assertedBy", "assertedAt"],
                graph.Links.Select(l => new[]
                {
                    l.Id.ToString(), l.From.ToString(), l.To.ToString(), MapExportGraph.Spell(l.Relation),
                    MapExportGraph.Spell(l.Status), l.AssertedBy ?? "", l.AssertedAt.ToString("O", CultureInfo.InvariantCulture)
                }));
        }
        return buffer.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, string[] header, IEnumerable<string[]> rows)
    {
        // A fixed timestamp keeps the same map's export byte-for-byte the same.
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(string.Join(',', header.Select(CsvCells.Quoted)) + "\r\n");
        foreach (var row in rows) writer.Write(string.Join(',', row.Select(CsvCells.Quoted)) + "\r\n");
    }
}
