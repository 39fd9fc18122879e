using System.Text.Json;
using System.Text.Json.Serialization;
using ImpactJournal.Alliances;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Stories;

namespace ImpactJournal.Templates;

/// <summary>The questions of a template's signification framework, in the shape of the alliance's framework.</summary>
public sealed record TemplateFramework(IReadOnlyList<Triad> Triads, IReadOnlyList<Dyad> Dyads, IReadOnlyList<Choice> Choices)
{
    public static TemplateFramework Of(SignificationFramework? framework) =>
        framework is null ? new([], [], []) : new(framework.Triads, framework.Dyads, framework.Choices);

    [JsonIgnore] public bool IsEmpty => Triads.Count + Dyads.Count + Choices.Count == 0;

    public bool SameAs(TemplateFramework other) =>
        new SignificationFramework(0, Triads, Dyads, Choices).SameQuestionsAs(new SignificationFramework(0, other.Triads, other.Dyads, other.Choices));
}

/// <summary>A cornerstone indicator a template proposes, with the story of what success would mean.</summary>
public sealed record TemplateIndicator(string Name, string Question, IndicatorUnit Unit, string Method, string NarrativeOfSuccess);

/// <summary>The words a check-in round uses: a round's suggested title and what everyone is asked about each commitment.</summary>
public sealed record CheckInWording(string RoundTitle, string Question)
{
    public static readonly CheckInWording Default = new("Check-in", "How well have we lived each of our commitments in this period?");
}

/// <summary>
/// An open template model (templates/template.schema.json): what an alliance can start from. The files in the repository's
/// templates folder are built in; others are imported, or saved from an alliance's setup.
/// </summary>
public sealed record TemplateFile(
    int SchemaVersion,
    string Key,
    int Version,
    string Title,
    string CollaborationModel,
    string Licence,
    string WhenThisFits,
    string? Source,
    IReadOnlyList<string> Imperatives,
    TemplateFramework Framework,
    IReadOnlyList<string> ReviewQuestions,
    IReadOnlyList<TemplateIndicator> Indicators,
    CheckInWording CheckIn)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema a file names, relative to the file as the repository's templates are kept.</summary>
    [JsonPropertyName("$schema"), JsonPropertyOrder(-1)] public string Schema { get; init; } = "./template.schema.json";

    /// <summary>The agreement type an alliance formed from this template has, unless the person forming it says otherwise.</summary>
    [JsonIgnore] public AgreementType AgreementType => Vocabulary.Parse<AgreementType>(CollaborationModel) ?? AgreementType.Other;

    /// <summary>How template files are written and read: camel case, kebab-case units, indented for people to read.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { Vocabulary.EnumConverter() },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
