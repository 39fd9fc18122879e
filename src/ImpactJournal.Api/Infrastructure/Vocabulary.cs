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

    public static void AddJournalJson(this WebApplicationBuilder builder) =>
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(EnumConverter());
            options.SerializerOptions.Converters.Add(new StoredTextConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
}
