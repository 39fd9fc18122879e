using System.Text;
using ImpactJournal.Exports;
using Xunit;

namespace ImpactJournal.Tests.Exports;

/// <summary>The texts the .qdpx writes after its project: handed back whole, in the order they came, from a file.</summary>
public sealed class when_spooling_the_sources_texts
{
    [Fact]
    public async Task every_text_comes_back_in_order_byte_for_byte_however_long()
    {
        var texts = new List<(Guid Id, string Text)>
        {
            (Guid.NewGuid(), ""),
            (Guid.NewGuid(), "Café opened 😀🏠 on Tuesday\r\nSecond line — «quoted»"),
            (Guid.NewGuid(), string.Concat(Enumerable.Repeat("A story longer than a block of the spool. 👩‍👩‍👧 ", 4_000)))
        };
        texts.AddRange(Enumerable.Range(0, 3_000).Select(i => (Guid.NewGuid(), $"Observation {i}: residents cooked together 🍲")));

        var read = new List<(Guid, string)>();
        await using (var spool = new SourceTextSpool())
        {
            foreach (var (id, text) in texts) await spool.AddAsync(id, text, default);
            await spool.ReadBackAsync((id, bytes) =>
            {
                read.Add((id, Encoding.UTF8.GetString(bytes.Span)));
                return Task.CompletedTask;
            }, default);
        }

        Assert.Equal(texts, read);
    }
}
