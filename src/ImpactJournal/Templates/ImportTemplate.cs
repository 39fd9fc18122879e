using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Templates;

/// <summary>A template file to import into this installation, as the text of the file.</summary>
public sealed record ImportTemplate(string? File);

/// <summary>
/// Importing a template file: checked against the schema, kept for everyone on this installation to form alliances from.
/// The same file again changes nothing; another file under a key that is taken is refused.
/// </summary>
public static class ImportTemplateUseCase
{
    /// <summary>The file as a template, or its errors by field path.</summary>
    public static (TemplateFile? Template, IReadOnlyDictionary<string, string[]> Errors) Validate(ImportTemplate? command) =>
        string.IsNullOrWhiteSpace(command?.File)
            ? (null, new Validation().Add("body", "A template file (JSON, as templates/template.schema.json describes) is required.").ToErrors())
            : TemplateSchema.Read(command.File);

    /// <summary>What importing decides, given the built-in template and the imported one already under the file's key, if any.</summary>
    public static Outcome Decide(TemplateFile template, TemplateFile? builtIn, TemplateFile? imported)
    {
        var id = TemplateLibrary.IdOf(template.Key);
        var location = Location(template.Key);
        var body = TemplateSummary.Of(template, builtIn is not null);
        if ((builtIn ?? imported) is not { } taken) return Outcome.Created(id, location, body);
        if (taken.ToJson() == template.ToJson()) return Outcome.Retried(id, location, body);
        return new Outcome.Conflict("This template key is taken",
            builtIn is not null
                ? $"\"{template.Key}\" is one of the built-in templates. Give your file a key of its own."
                : $"A different template was imported as \"{template.Key}\" already. Give your file a key of its own, or form alliances from the one there.");
    }

    public static Task<Outcome> RunAsync(ImportTemplate? command, string subject, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(ImportTemplate), null, async () =>
        {
            var (template, errors) = Validate(command);
            if (template is null) return new Outcome.Invalid(errors);
            var imported = await TemplateLibrary.ImportedAsync(store, template.Key, ct);
            var outcome = Decide(template, TemplateLibrary.BuiltInByKey(template.Key), imported?.Template);
            if (outcome is not Outcome.Saved { IsNew: true }) return outcome;
            await using var session = store.LightweightSession(TemplateLibrary.InstallationTenant);
            session.LastModifiedBy = subject;
            session.Insert(new ImportedTemplate(TemplateLibrary.IdOf(template.Key), template.Key, template, subject, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (JasperFx.DocumentAlreadyExistsException)
            {
                // Someone imported under the same key at the same moment: answer as if theirs had come first.
                return Decide(template, null, (await TemplateLibrary.ImportedAsync(store, template.Key, ct))?.Template);
            }
            return outcome;
        });

    public static string Location(string key) => $"/api/templates/{key}";
}

public static class ImportTemplateEndpoint
{
    /// <summary>
    /// Import a template file (the JSON body is the file, as <c>GET /api/alliances/{a}/template</c> saves it): checked
    /// against templates/template.schema.json, errors by field path (<c>framework.triads[0].labels</c>). 201 with the
    /// template's summary; the same file again 200; another file under a key already used 409.
    /// </summary>
    [WolverinePost("/api/templates", OperationId = "importTemplate",
        Summary = "Import a template file for everyone on this installation to form alliances from")]
    [ProducesResponseType<TemplateSummary>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(HttpRequest request, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        if (!IsJson(request))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
                detail: "Send the template file as application/json.");
        using var reader = new StreamReader(request.Body);
        var file = await reader.ReadToEndAsync(ct);
        return (await ImportTemplateUseCase.RunAsync(new ImportTemplate(file), ActingSubject.Of(user)!, store, clock, ct)).ToHttp();
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';')[0].Trim() is var media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
