using System.IO.Compression;
using System.Text;
using Marten;

namespace ImpactJournal.Exports;

/// <summary>
/// A <c>.qdpx</c> file (REFI-QDA 1.5): a zip holding <c>project.qde</c> and a flat <c>sources</c> folder of UTF-8 text
/// files, one per source. Written straight to the response: the project in one pass over the records, their texts in
/// a second pass over the same snapshot, so neither the records nor the zip are ever held whole.
/// </summary>
public static class QdpxFile
{
    public static async Task WriteAsync(Stream output, AnalysisSnapshot snapshot, AnalysisProject project, string name,
        DateTimeOffset madeAt, CancellationToken ct)
    {
        await using var held = new HeldWritesStream(output);
        await using (var zip = await ZipArchive.CreateAsync(held, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
            await WriteEntriesAsync(zip, held, snapshot, project, name, madeAt, ct);
        await held.HandOnAsync(ct);
    }

    private static async Task WriteEntriesAsync(ZipArchive zip, HeldWritesStream held, AnalysisSnapshot snapshot, AnalysisProject project,
        string name, DateTimeOffset madeAt, CancellationToken ct)
    {
        await using (var qde = await Entry(zip, "project.qde", madeAt).OpenAsync(ct))
        {
            await using var writer = await QdaProjectWriter.StartAsync(qde, name, madeAt, project.Codes, project.Variables, ct);
            await foreach (var observation in snapshot.Observations.ToAsyncEnumerable(ct)) await writer.WriteAsync(project.Of(observation), ct);
            await foreach (var story in snapshot.Stories.ToAsyncEnumerable(ct)) await writer.WriteAsync(project.Of(story), ct);
            await writer.FinishAsync(ct);
        }

        await foreach (var text in snapshot.Observations.Select(o => new SourceText(o.Id, o.Text)).ToAsyncEnumerable(ct))
            await WriteTextAsync(zip, held, text, madeAt, ct);
        await foreach (var text in snapshot.Stories.Select(s => new SourceText(s.Id, s.Narrative)).ToAsyncEnumerable(ct))
            await WriteTextAsync(zip, held, text, madeAt, ct);
    }

    private static async Task WriteTextAsync(ZipArchive zip, HeldWritesStream held, SourceText source, DateTimeOffset madeAt, CancellationToken ct)
    {
        await using (var file = await Entry(zip, $"sources/{source.Id}.txt", madeAt).OpenAsync(ct))
            await file.WriteAsync(Encoding.UTF8.GetBytes(source.Text ?? ""), ct);
        await held.HandOnAsync(ct);
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string path, DateTimeOffset madeAt)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        entry.LastWriteTime = madeAt;
        return entry;
    }

    public sealed record SourceText(Guid Id, string? Text);
}
