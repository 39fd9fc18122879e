using System.Text.Json;
using ImpactJournal.Infrastructure;
using Xunit;

namespace ImpactJournal.Tests.Infrastructure;

public sealed class when_checking_text_for_storage
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new StoredTextConverter() } };

    [Theory]
    [InlineData("plain")]
    [InlineData("Grüße, café, 🙂 and \t tabs\nnewlines")]
    [InlineData("")]
    public void ordinary_text_passes(string text) => Assert.True(StoredTextConverter.IsStorable(text));

    [Fact]
    public void text_jsonb_cannot_store_is_refused()
    {
        // Built in code: test-case attributes cannot carry unpaired surrogates intact.
        string[] unstorable = ["nul\0inside", new string('\ud800', 1), "low first " + '\udc00' + '\ud800', "ends high " + '\ud83d'];
        Assert.All(unstorable, text => Assert.False(StoredTextConverter.IsStorable(text)));
    }

    [Fact]
    public void the_converter_turns_unstorable_text_into_a_json_error()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<string>("\"a\\u0000b\"", Options));
        Assert.Equal("a🙂b", JsonSerializer.Deserialize<string>("\"a\\ud83d\\ude42b\"", Options));
    }
}
