using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImpactJournal.Infrastructure;

/// <summary>How the API spells enumerated values: kebab case strings, never numbers.</summary>
public static class Vocabulary
{
    public static readonly JsonNamingPolicy Naming = JsonNamingPolicy.KebabCaseLower;

    public static JsonStringEnumConverter EnumConverter() => new(Naming, allowIntegerValues: false);

    public static string Spell<TEnum>(TEnum value) where TEnum : struct, Enum => Naming.ConvertName(value.ToString());

    public static string ListOf<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(Spell));

    /// <summary>Reads a value spelled the API's way (case and surrounding space ignored).</summary>
    public static TEnum? Parse<TEnum>(string text) where TEnum : struct, Enum =>
        Spellings<TEnum>.ByName.TryGetValue(text.Trim(), out var value) ? value : null;

    private static class Spellings<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(v => Spell(v), StringComparer.OrdinalIgnoreCase);
    }

    public static void AddJournalJson(this WebApplicationBuilder builder) =>
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(EnumConverter());
            options.SerializerOptions.Converters.Add(new StoredTextConverter());
            options.SerializerOptions.Converters.Add(new JournalDates.DayConverter());
            options.SerializerOptions.Converters.Add(new JournalDates.MomentConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
}
