using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The signification framework editor (facilitators and stewards): triads, dyads and choices. Saving a
/// changed framework makes a new version; stories already told keep the version they were signified with.
/// The form carries the version it was filled in from: if someone saved a newer one meanwhile, the save is
/// refused and the page shows the framework as it is now beside the person's own edits, kept to save again.
/// </summary>
public sealed class FrameworkModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    [BindProperty] public FrameworkForm Form { get; set; } = new();
    [FromQuery] public string? Done { get; set; }

    /// <summary>Whether the questions' technical names (the keys exports and the API use) are shown: only when asked, or when one is wrong.</summary>
    [FromQuery(Name = "names")] public string? Names { get; set; }

    public bool ShowsTechnicalNames => Names == "technical" || ModelState.Any(e => e.Key.EndsWith(".Key", StringComparison.Ordinal) && e.Value!.Errors.Count > 0);
    public string? Refusal { get; private set; }

    /// <summary>The framework someone else saved after this form was filled in from an earlier version.</summary>
    public SignificationFramework? ChangedMeanwhile { get; private set; }

    /// <summary>The version the refused form had been filled in from.</summary>
    public long StartedFrom { get; private set; }

    /// <summary>Questions in the framework now that the person's form does not have, and the other way round.</summary>
    public IReadOnlyList<string> OnlyNow { get; private set; } = [];

    public IReadOnlyList<string> OnlyInYours { get; private set; } = [];

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
        var before = Alliance.Framework?.Version ?? 0;
        var outcome = await ReviseSignificationFrameworkUseCase.RunAsync(command, Acting, store, ct);
        switch (outcome)
        {
            case Outcome.Saved { Body: SignificationFramework saved }:
                return LocalRedirect($"/alliances/{AllianceId}/settings/framework?done={(saved.Version == before ? "unchanged" : $"v{saved.Version}")}");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => field == "body" ? "Form" : FieldOf(field, rowOf),
                    (field, message) => field == "body" ? "Keep at least one question." : message);
                return Invalid();
            case Outcome.Conflict { Current: SignificationFramework now }:
                (ChangedMeanwhile, StartedFrom, Form.ExpectedVersion) = (now, Form.ExpectedVersion ?? 0, now.Version);
                var (theirs, yours) = (Questions(now), Questions(command));
                (OnlyNow, OnlyInYours) = ([.. theirs.Except(yours)], [.. yours.Except(theirs)]);
                return ShowConflict();
            case Outcome.Conflict conflict:
                Refusal = conflict.Detail;
                return ShowConflict();
            default:
                return RefusalPage(outcome)!;
        }
    }

    private IActionResult ShowConflict()
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private static List<string> Questions(SignificationFramework framework) =>
        [.. framework.Triads.Select(t => t.Prompt), .. framework.Dyads.Select(d => d.Prompt), .. framework.Choices.Select(c => c.Prompt)];

    private static List<string> Questions(ReviseSignificationFramework command)
    {
        List<string?> prompts = [.. (command.Triads ?? []).Select(t => t?.Prompt), .. (command.Dyads ?? []).Select(d => d?.Prompt),
            .. (command.Choices ?? []).Select(c => c?.Prompt)];
        return [.. prompts.OfType<string>().Select(p => p.Trim())];
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
}
