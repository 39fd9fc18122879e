using Microsoft.AspNetCore.Mvc;
using System.Text;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Indicators;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Templates;

/// <summary>
/// An alliance's setup as a template file another installation can import: its commitments, signification framework,
/// review questions, check-in wording and the indicators it has not retired (each as currently defined).
/// </summary>
public static class SetupAsTemplate
{
    public const string DefaultReviewQuestions = "What did we notice?\nWhat surprised us?\nWhat will we adapt?";

    /// <summary>The template; null when the alliance names no collaboration model (its agreement type is "other").</summary>
    public static TemplateFile? Of(Alliance alliance, IEnumerable<Indicator> indicators, long setupVersion, DateOnly savedOn)
    {
        if ((alliance.CollaborationModel ?? CollaborationModels.Of(alliance.AgreementType)) is not { } model) return null;
        return new TemplateFile(
            TemplateFile.CurrentSchemaVersion,
            KeyOf(alliance.Name),
            (int)Math.Clamp(setupVersion, 1, int.MaxValue),
            alliance.Name,
            model,
            "MIT",
            alliance.Template?.WhenThisFits ?? AtMost(2000, $"Saved from the setup of {alliance.Name}, whose shared purpose is: {alliance.SharedPurpose}"),
            $"Saved from {alliance.Name} on {savedOn:yyyy-MM-dd}" + (alliance.Template is { } t ? $", formed from the {t.Title} template, version {t.Version}" : ""),
            [.. alliance.Imperatives.Select(i => i.Text)],
            TemplateFramework.Of(alliance.Framework),
            alliance.ReviewQuestions is { Count: > 0 } questions ? questions : DefaultReviewQuestions.Split('\n'),
            [.. indicators.Where(i => i.Status != IndicatorStatus.Retired).OrderBy(i => i.Proposed.IndicatorId)
                .Select(i => new TemplateIndicator(i.Name, i.Definition.Question, i.Definition.Unit, i.Definition.Method,
                    i.NarrativeOfSuccess ?? "Not written yet."))],
            alliance.CheckIn ?? CheckInWording.Default);
    }

    private static string AtMost(int length, string text) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>A template key made from the alliance's name: "Ashworth Complex Lives Alliance" → ashworth-complex-lives-alliance.</summary>
    public static string KeyOf(string name)
    {
        var key = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
            if (char.IsAsciiLetterOrDigit(c)) key.Append(c);
            else if (key.Length > 0 && key[^1] != '-') key.Append('-');
        var text = key.ToString().Trim('-');
        if (text.Length > 80) text = text[..80].TrimEnd('-');
        return text.Length >= 2 ? text : "alliance-setup";
    }

    /// <summary>The alliance's setup read from its tenant; null when it names no collaboration model.</summary>
    public static async Task<TemplateFile?> ReadAsync(IDocumentStore store, Alliance alliance, DateOnly today, CancellationToken ct)
    {
        await using var session = store.QuerySession(alliance.Id.ToString());
        var indicators = await session.Query<Indicator>().Take(500).ToListAsync(ct);
        var state = await session.Events.FetchStreamStateAsync(alliance.Id, ct);
        return Of(alliance, indicators, state?.Version ?? 1, today);
    }

    public const string NoModel = "This alliance's agreement type is \"other\", and a template file must name one of the seven collaboration models.";
}

public static class SetupAsTemplateEndpoint
{
    /// <summary>
    /// This alliance's setup as a template file (templates/template.schema.json) to download and import elsewhere
    /// (<c>POST /api/templates</c>): commitments, signification framework, review questions, check-in wording and the
    /// indicators not retired. 409 when the alliance's agreement type is "other".
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/template", OperationId = "getAllianceSetupAsTemplate",
        Summary = "This alliance's setup as a template file to download and import elsewhere")]
    [ProducesResponseType<TemplateFile>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var template = await SetupAsTemplate.ReadAsync(store, CurrentMember.AllianceOf(http), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        if (template is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No collaboration model", detail: SetupAsTemplate.NoModel);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{template.Key}.json\"";
        return Results.Text(template.ToJson(), "application/json", Encoding.UTF8);
    }
}
