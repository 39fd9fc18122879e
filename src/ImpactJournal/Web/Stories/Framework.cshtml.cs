using ImpactJournal.Access;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The signification framework editor (facilitators and stewards): triads, dyads and choices. Saving a
/// changed framework makes a new version; stories already told keep the version they were signified with.
/// </summary>
public sealed class FrameworkModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    [BindProperty] public FrameworkForm Form { get; set; } = new();
    [FromQuery] public string? Done { get; set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await EnterAsync(AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        Form = FrameworkForm.Of(Alliance.Framework);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        var (command, rowOf) = Form.ToCommand();
        if (ReviseSignificationFrameworkEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
        {
            ModelState.AddAll(invalid.Errors, field => field == "body" ? "Form" : FieldOf(field, rowOf),
                (field, message) => field == "body" ? "Keep at least one question." : message);
            return Invalid();
        }
        var before = Alliance.Framework?.Version ?? 0;
        Refusal = await ApplyToAllianceAsync(store, alliance =>
        {
            var (_, events) = ReviseSignificationFrameworkEndpoint.Put(command, alliance);
            return (Results.Ok(), events);
        }, ct);
        if (Refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var after = await CurrentVersionAsync(ct);
        return LocalRedirect($"/alliances/{AllianceId}/settings/framework?done={(after == before ? "unchanged" : $"v{after}")}");
    }

    /// <summary>"triads[1].labels[2]" → the form row it came from and its field: "Form.Triads[3].Third".</summary>
    private static string FieldOf(string field, Dictionary<string, string> rowOf)
    {
        var item = field.Split('.')[0];
        var row = rowOf.GetValueOrDefault(item, "Form");
        var rest = field.Length > item.Length ? field[(item.Length + 1)..] : "";
        return rest switch
        {
            "" => row,
            "labels[0]" => $"{row}.First",
            "labels[1]" => $"{row}.Second",
            "labels[2]" => $"{row}.Third",
            _ when rest.StartsWith("options", StringComparison.Ordinal) => $"{row}.Options",
            _ when rest.StartsWith("labels", StringComparison.Ordinal) => $"{row}.First",
            _ => $"{row}.{char.ToUpperInvariant(rest[0])}{rest[1..]}"
        };
    }

    private async Task<int> CurrentVersionAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        return (await session.LoadAsync<global::ImpactJournal.Alliances.Alliance>(AllianceId, ct))?.Framework?.Version ?? 0;
    }
}
