using Microsoft.AspNetCore.Mvc;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Templates;

public static class ReadTemplatesEndpoint
{
    /// <summary>The templates an alliance can be formed from: the seven built in, then those imported into this installation.</summary>
    [WolverineGet("/api/templates", OperationId = "listTemplates",
        Summary = "The templates an alliance can be formed from: built in, then imported")]
    public static async Task<TemplateList> List(IDocumentStore store, CancellationToken ct) =>
        new(await TemplateLibrary.ListAsync(store, ct));

    /// <summary>One template file, as it would be downloaded (templates/template.schema.json).</summary>
    [WolverineGet("/api/templates/{templateId}", OperationId = "getTemplate", Summary = "One template file")]
    [ProducesResponseType<TemplateFile>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string templateId, IDocumentStore store, CancellationToken ct) =>
        await TemplateLibrary.FindAsync(store, templateId, ct) is { } template
            ? Results.Text(template.ToJson(), "application/json", System.Text.Encoding.UTF8)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No template with this id on this installation.");
}

public sealed record TemplateList(IReadOnlyList<TemplateSummary> Items);
