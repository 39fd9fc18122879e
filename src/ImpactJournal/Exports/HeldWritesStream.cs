namespace ImpactJournal.Exports;

/// <summary>
/// A write-only stream over the response that gathers what is written to it and sends it on asynchronously, in pieces
/// of at least <see cref="Piece"/> bytes. The zip writer closes its entries with synchronous writes (a few bytes of
/// compressed tail, a data descriptor, the central directory), which the server refuses; and a zip of thousands of
/// small text files would otherwise reach the client in as many small writes, each sent by itself.
/// </summary>
public sealed class HeldWritesStream(Stream response) : Stream
{
    public const int Piece = 64 * 1024;
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

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _held.Write(buffer);
        _written += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Write(buffer.Span);
        return new ValueTask(HandOnAsync(ct));
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    /// <summary>Sends on what is held once it fills a piece.</summary>
    public Task HandOnAsync(CancellationToken ct) => _held.Length >= Piece ? FinishAsync(ct) : Task.CompletedTask;

    /// <summary>Sends on all that is held.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (_held.Length == 0) return;
        await response.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), ct);
        _held.SetLength(0);
    }

    public override Task FlushAsync(CancellationToken ct) => FinishAsync(ct);

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
