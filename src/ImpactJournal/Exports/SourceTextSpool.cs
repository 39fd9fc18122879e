using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ImpactJournal.Exports;

/// <summary>
/// The sources' texts, kept in a temporary file while <c>project.qde</c> is written from the same rows, then handed
/// back in the order they came: each record is read from the journal once, and neither the texts nor the zip are held
/// in memory. Texts are gathered in blocks of <see cref="Block"/> bytes, so the file is written and read a block at a
/// time, asynchronously. The file is deleted when the spool is disposed.
/// </summary>
public sealed class SourceTextSpool : IAsyncDisposable
{
    public const int Block = 64 * 1024;
    private const int HeaderLength = 16 + sizeof(int);
    private readonly SafeFileHandle _file = File.OpenHandle(Path.Combine(Path.GetTempPath(), $"impactjournal-texts-{Guid.NewGuid():N}"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    private readonly ArrayBufferWriter<byte> _pending = new(Block);
    private long _length;

    public async Task AddAsync(Guid id, string text, CancellationToken ct)
    {
        var header = _pending.GetSpan(HeaderLength);
        id.TryWriteBytes(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], Encoding.UTF8.GetByteCount(text));
        _pending.Advance(HeaderLength);
        Encoding.UTF8.GetBytes(text, _pending);
        if (_pending.WrittenCount >= Block) await WritePendingAsync(ct);
    }

    /// <summary>Each text in the order added, as UTF-8; the bytes are only valid until <paramref name="each"/> returns.</summary>
    public async Task ReadBackAsync(Func<Guid, ReadOnlyMemory<byte>, Task> each, CancellationToken ct)
    {
        await WritePendingAsync(ct);
        var buffer = ArrayPool<byte>.Shared.Rent(Block);
        try
        {
            var (start, end, position) = (0, 0, 0L);
            // Makes the buffer hold the next `count` bytes from `start`, reading on from the file as needed.
            async Task<bool> Holds(int count)
            {
                if (end - start >= count) return true;
                if (buffer.Length < count)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(count);
                    buffer.AsSpan(start, end - start).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else buffer.AsSpan(start, end - start).CopyTo(buffer);
                (end, start) = (end - start, 0);
                while (end < count)
                {
                    var read = await RandomAccess.ReadAsync(_file, buffer.AsMemory(end), position, ct);
                    if (read == 0) return false;
                    (end, position) = (end + read, position + read);
                }
                return true;
            }

            while (await Holds(HeaderLength))
            {
                var id = new Guid(buffer.AsSpan(start, 16));
                var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start + 16));
                start += HeaderLength;
                if (!await Holds(length)) throw new InvalidDataException("The spooled texts end part-way through a text.");
                await each(id, buffer.AsMemory(start, length));
                start += length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WritePendingAsync(CancellationToken ct)
    {
        if (_pending.WrittenCount == 0) return;
        await RandomAccess.WriteAsync(_file, _pending.WrittenMemory, _length, ct);
        _length += _pending.WrittenCount;
        _pending.ResetWrittenCount();
    }

    public ValueTask DisposeAsync()
    {
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}
