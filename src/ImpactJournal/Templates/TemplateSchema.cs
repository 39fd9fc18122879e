using ImpactJournal.Alliances;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImpactJournal.Infrastructure;
using ImpactJournal.Stories;
using Json.Schema;

namespace ImpactJournal.Templates;

/// <summary>
/// Checks a template file against templates/template.schema.json (the copy built into the service), then against what the
/// journal itself asks of the parts (framework keys unique, text it can store). Errors name the field by its path in the
/// file: <c>framework.triads[0].labels</c>, <c>indicators[2].unit</c>.
/// </summary>
public static partial class TemplateSchema
{
    public const string ResourceName = "templates/template.schema.json";

    public static readonly string Text = ReadResource(ResourceName);

    private static readonly JsonSchema Schema = JsonSchema.FromText(Text);

    /// <summary>The file as a template, or the errors that stop it being one.</summary>
    public static (TemplateFile? Template, IReadOnlyDictionary<string, string[]> Errors) Read(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return (null, new Validation().Add("body", $"Not a JSON file: {e.Message}").ToErrors());
        }
        var errors = Check(node);
        if (errors.Count > 0) return (null, errors);
        var template = node.Deserialize<TemplateFile>(TemplateFile.Json)!;
        var framework = ReviseSignificationFrameworkUseCase.Validate(new ReviseSignificationFramework(
            [.. template.Framework.Triads.Select(t => new TriadInput(t.Key, t.Prompt, t.Labels))],
            [.. template.Framework.Dyads.Select(d => new DyadInput(d.Key, d.Prompt, d.Left, d.Right))],
            [.. template.Framework.Choices.Select(c => new ChoiceInput(c.Key, c.Prompt, c.Options))]));
        var frameworkErrors = framework.Where(e => e.Key != "body").ToDictionary(e => $"framework.{e.Key}", e => e.Value);
        return frameworkErrors.Count > 0 ? (null, frameworkErrors) : (template, frameworkErrors);
    }

    /// <summary>What the schema (and the journal's storage) finds wrong with a file, by field path.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(JsonNode? file)
    {
        var validation = new Validation();
        var results = Schema.Evaluate(file, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
            foreach (var detail in results.Details.Where(d => d.HasErrors))
                foreach (var (keyword, message) in detail.Errors!)
                    Explain(validation, detail.InstanceLocation.ToString(), keyword, message);
        if (validation.IsValid) NotStorable(validation, file, "");
        return validation.ToErrors();
    }

    private static void Explain(Validation validation, string pointer, string keyword, string message)
    {
        var field = PathOf(pointer);
        if (keyword == "required")
        {
            foreach (Match missing in QuotedName().Matches(message))
                validation.Add(field == "body" ? missing.Groups[1].Value : $"{field}.{missing.Groups[1].Value}", "Required.");
            return;
        }
        validation.Add(field, keyword switch
        {
            "" or "false" => "Not part of a template file; check the spelling against the schema.",
            "pattern" when field == "key" => "Lower-case letters and digits in words joined by hyphens, such as alliance-contract.",
            "pattern" or "minLength" => "Must not be empty.",
            "const" when field == "schemaVersion" => $"This installation reads template files of schema version {TemplateFile.CurrentSchemaVersion}.",
            "enum" when field == "collaborationModel" => $"One of: {string.Join(", ", CollaborationModels.Keys)}.",
            "enum" when field.EndsWith(".unit", StringComparison.Ordinal) => $"One of: {Infrastructure.Vocabulary.ListOf<Indicators.IndicatorUnit>()}.",
            _ => message
        });
    }

    private static void NotStorable(Validation validation, JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o) NotStorable(validation, child, $"{pointer}/{name}");
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) NotStorable(validation, a[i], $"{pointer}/{i}");
                break;
            case JsonValue v when v.TryGetValue<string>(out var text) && !StoredTextConverter.IsStorable(text):
                validation.Add(PathOf(pointer), "May not contain NUL characters or unpaired surrogates.");
                break;
        }
    }

    /// <summary>A JSON pointer as the field path the API's errors use: <c>/framework/triads/0/key</c> → <c>framework.triads[0].key</c>.</summary>
    public static string PathOf(string pointer)
    {
        if (pointer is "" or "/" or "#") return "body";
        var path = "";
        foreach (var part in pointer.TrimStart('#').TrimStart('/').Split('/'))
        {
            var name = part.Replace("~1", "/").Replace("~0", "~");
            path += int.TryParse(name, out var index) ? $"[{index}]" : path.Length == 0 ? name : $".{name}";
        }
        return path;
    }

    public static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The service was built without {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedName();
}
