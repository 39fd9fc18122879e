using System.Text;
using ImpactJournal.Exports;
using Xunit;

namespace ImpactJournal.Tests.Exports;

/// <summary>
/// The .qdpx of a large journal is tens of thousands of small zip entries: the response must get them in a few large
/// asynchronous writes, never one write per entry (each is sent on by itself) and never a synchronous one (refused).
/// </summary>
public sealed class when_sending_a_zip_to_the_response
{
    /// <summary>The response as the server gives it: refuses synchronous writes, and notes each asynchronous one.</summary>
    private sealed class Response : Stream
    {
        public MemoryStream Received { get; } = new();
        public List<int> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Writes.Add(buffer.Length);
            Received.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Received.Length;
        public override long Position { get => Received.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public async Task small_writes_reach_it_in_pieces_of_at_least_64_kb_in_their_order()
    {
        var response = new Response();
        var expected = new MemoryStream();
        await using (var held = new HeldWritesStream(response))
        {
            for (var entry = 0; entry < 5_000; entry++)
            {
                var header = Encoding.UTF8.GetBytes($"header {entry};");
                var text = Encoding.UTF8.GetBytes($"the text of entry {entry}, with an emoji 🍲;");
                held.Write(header);
                await held.WriteAsync(text);
                expected.Write(header);
                expected.Write(text);
                await held.HandOnAsync(default);
            }
            await held.FlushAsync();
        }

        Assert.Equal(expected.ToArray(), response.Received.ToArray());
        Assert.InRange(response.Writes.Count, 2, 10);
        Assert.All(response.Writes.SkipLast(1), size => Assert.True(size >= 64 * 1024, $"a write of {size} bytes"));
    }
}
