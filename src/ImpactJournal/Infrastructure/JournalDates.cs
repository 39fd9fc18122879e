using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// The dates a journal can hold: from 1900 to the end of 2199. Anything outside is a typing slip,
/// and refusing it at the boundary keeps every date computation (day and week arithmetic, ranges in
/// PostgreSQL) far from the limits of the types.
/// </summary>
public static class JournalDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);
    public const string Range = "between 1900-01-01 and 2199-12-31";

    public static bool IsPlausible(DateOnly day) => day >= Earliest && day <= Latest;

    public static bool IsPlausible(DateTimeOffset moment) => IsPlausible(DateOnly.FromDateTime(moment.UtcDateTime));

    /// <summary>Reads request dates (YYYY-MM-DD) and refuses those outside the journal's range.</summary>
    public sealed class DayConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String
                || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new JsonException();
            // No message of our own: the serializer then names the field's path, which becomes the error's field.
            return IsPlausible(day) ? day : throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>Reads request moments (ISO 8601 with offset) and refuses those outside the journal's range.</summary>
    public sealed class MomentConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var moment))
                throw new JsonException();
            return IsPlausible(moment) ? moment : throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}
