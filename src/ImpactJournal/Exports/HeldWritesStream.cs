namespace ImpactJournal.Exports;

/// <summary>
/// A write-only stream over the response that holds what is written to it synchronously until the next asynchronous
/// write or <see cref="HandOnAsync"/>. The zip writer closes its entries with synchronous writes (a few bytes of
/// compressed tail, a data descriptor, the central directory), and the server refuses synchronous writes to a response.
/// </summary>
public sealed class HeldWritesStream(Stream response) : Stream
{
    private readonly MemoryStream _held = new();
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    /// <summary>How much has been written so far (the zip writer asks, to know where each entry starts).</summary>
    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _held.Write(buffer, offset, count);
        _written += count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        await HandOnAsync(ct);
        await response.WriteAsync(buffer, ct);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    /// <summary>Sends on what was held.</summary>
    public async Task HandOnAsync(CancellationToken ct)
    {
        if (_held.Length == 0) return;
        await response.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), ct);
        _held.SetLength(0);
    }

    public override Task FlushAsync(CancellationToken ct) => HandOnAsync(ct);

    // A synchronous flush has nothing it may do: what is held goes on at the next asynchronous write.
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _held.Dispose();
        base.Dispose(disposing);
    }
}
