using ImpactJournal.Alliances;
using System.Reflection;
using ImpactJournal.Infrastructure;
using Marten;

namespace ImpactJournal.Templates;

/// <summary>A template someone imported into this installation; kept under the installation's own tenant, not any alliance's.</summary>
public sealed record ImportedTemplate(Guid Id, string Key, TemplateFile Template, string ImportedBy, DateTimeOffset ImportedAt);

/// <summary>One template in the list people choose from.</summary>
public sealed record TemplateSummary(string Id, string Key, int Version, string Title, string CollaborationModel, string WhenThisFits, bool BuiltIn)
{
    public static TemplateSummary Of(TemplateFile t, bool builtIn) =>
        new(t.Key, t.Key, t.Version, t.Title, t.CollaborationModel, t.WhenThisFits, builtIn);
}

/// <summary>
/// The templates an alliance can be formed from: the seven built into the service (the repository's templates folder) and
/// those imported into this installation. A template's id is its key.
/// </summary>
public static class TemplateLibrary
{
    /// <summary>The tenant imported templates are kept under: shared by the installation, never an alliance's id.</summary>
    public const string InstallationTenant = "installation";

    public static readonly IReadOnlyList<TemplateFile> BuiltIn = LoadBuiltIn();

    public static Guid IdOf(string key) => DerivedId.Named($"template:{key}");

    public static TemplateFile? BuiltInByKey(string key) => BuiltIn.FirstOrDefault(t => t.Key == key);

    public static async Task<ImportedTemplate?> ImportedAsync(IDocumentStore store, string key, CancellationToken ct)
    {
        await using var session = store.QuerySession(InstallationTenant);
        return await session.LoadAsync<ImportedTemplate>(IdOf(key), ct);
    }

    /// <summary>The template under an id (its key), built in or imported; null when there is none.</summary>
    public static async Task<TemplateFile?> FindAsync(IDocumentStore store, string? id, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 80 ? null : BuiltInByKey(id) ?? (await ImportedAsync(store, id, ct))?.Template;

    public static async Task<IReadOnlyList<TemplateSummary>> ListAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(InstallationTenant);
        var imported = await session.Query<ImportedTemplate>().OrderBy(t => t.Key).Take(500).ToListAsync(ct);
        return [.. BuiltIn.Select(t => TemplateSummary.Of(t, true)), .. imported.Select(t => TemplateSummary.Of(t.Template, false))];
    }

    private static List<TemplateFile> LoadBuiltIn()
    {
        var names = Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("templates/", StringComparison.Ordinal) && n != TemplateSchema.ResourceName);
        var order = CollaborationModels.Keys.ToList();
        return [.. names.Select(name =>
            {
                var (template, errors) = TemplateSchema.Read(TemplateSchema.ReadResource(name));
                return template ?? throw new InvalidOperationException(
                    $"The built-in template {name} does not follow the schema: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            })
            .OrderBy(t => order.IndexOf(t.Key) is var i and >= 0 ? i : int.MaxValue)];
    }
}
