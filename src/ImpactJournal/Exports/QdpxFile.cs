using System.IO.Compression;
using Marten;

namespace ImpactJournal.Exports;

/// <summary>
/// A <c>.qdpx</c> file (REFI-QDA 1.5): a zip holding <c>project.qde</c> and a flat <c>sources</c> folder of UTF-8 text
/// files, one per source. Written straight to the response in one pass over the records: each record goes into the
/// project as it is read and its text to a <see cref="SourceTextSpool"/>, from which the text files follow the project.
/// Neither the records nor the zip are ever held whole.
/// </summary>
public static class QdpxFile
{
    public static async Task WriteAsync(Stream output, AnalysisSnapshot snapshot, AnalysisProject project, string name,
        DateTimeOffset madeAt, CancellationToken ct)
    {
        await using var held = new HeldWritesStream(output);
        await using var texts = new SourceTextSpool();
        await using (var zip = await ZipArchive.CreateAsync(held, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            await using (var qde = await Entry(zip, "project.qde", madeAt).OpenAsync(ct))
            {
                await using var writer = await QdaProjectWriter.StartAsync(qde, name, madeAt, project.Codes, project.Variables, ct);
                await foreach (var observation in snapshot.ObservationsAsync(ct)) await WriteSourceAsync(writer, texts, project.Of(observation), ct);
                await foreach (var story in snapshot.Stories.ToAsyncEnumerable(ct)) await WriteSourceAsync(writer, texts, project.Of(story), ct);
                await writer.FinishAsync(ct);
            }
            await texts.ReadBackAsync(async (id, text) =>
            {
                await using (var file = await Entry(zip, $"sources/{QdaSource.FileNameOf(id)}", madeAt).OpenAsync(ct))
                    await file.WriteAsync(text, ct);
                await held.HandOnAsync(ct);
            }, ct);
        }
        await held.FinishAsync(ct);
    }

    private static async Task WriteSourceAsync(QdaProjectWriter writer, SourceTextSpool texts, QdaSource source, CancellationToken ct)
    {
        await writer.WriteAsync(source, ct);
        await texts.AddAsync(source.Id, source.Text, ct);
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string path, DateTimeOffset madeAt)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        entry.LastWriteTime = madeAt;
        return entry;
    }
}
