using System.Text;
using ImpactJournal.Access;
using ImpactJournal.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>"Save this setup as a template": the alliance's setup as a template file to download, as <c>GET …/template</c> gives it.</summary>
public sealed class SaveTemplateModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        var template = await SetupAsTemplate.ReadAsync(store, Alliance, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        if (template is null) return Refused(StatusCodes.Status409Conflict, "No collaboration model", SetupAsTemplate.NoModel);
        return File(Encoding.UTF8.GetBytes(template.ToJson()), "application/json", $"{template.Key}.json");
    }
}
