using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Refuses, at the JSON boundary, strings that PostgreSQL's jsonb cannot store: NUL characters and
/// unpaired UTF-16 surrogates. Without this they would pass validation and fail at append time.
/// </summary>
public sealed class StoredTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && !IsStorable(value))
            throw new JsonException("Text may not contain NUL characters or unpaired surrogates.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
