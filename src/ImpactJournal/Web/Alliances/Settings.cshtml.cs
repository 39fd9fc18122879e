using ImpactJournal.Access;
using ImpactJournal.Alliances;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The steward's alliance settings: the shared purpose with every earlier wording, the partner
/// organisations, and the relational commitments (imperatives) partners signed up to. Each change is
/// the API's own validation and decision on the alliance's stream.
/// </summary>
public sealed class SettingsModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    [FromQuery] public string? Done { get; set; }
    [BindProperty] public Guid NewId { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public string? PartnerName { get; set; }
    [BindProperty] public PartnerKind? PartnerKind { get; set; }
    [BindProperty] public string? Imperative { get; set; }

    public IReadOnlyList<PurposeRevisionView> Revisions { get; private set; } = [];
    public string? Refusal { get; private set; }

    public static readonly IReadOnlyList<(PartnerKind Kind, string Words)> Kinds =
    [
        (global::ImpactJournal.Alliances.PartnerKind.Council, "Council"),
        (global::ImpactJournal.Alliances.PartnerKind.Vcse, "Voluntary, community or social enterprise (VCSE)"),
        (global::ImpactJournal.Alliances.PartnerKind.Cooperative, "Co-operative"),
        (global::ImpactJournal.Alliances.PartnerKind.SocialEnterprise, "Social enterprise"),
        (global::ImpactJournal.Alliances.PartnerKind.Sme, "Small or medium business"),
        (global::ImpactJournal.Alliances.PartnerKind.CommunityGroup, "Community group"),
        (global::ImpactJournal.Alliances.PartnerKind.Health, "Health body"),
        (global::ImpactJournal.Alliances.PartnerKind.Other, "Something else"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return await ShowAsync(StatusCodes.Status200OK, ct);
    }

    public Task<IActionResult> OnPostPurposeAsync(CancellationToken ct) => ChangeAsync("purpose", () =>
    {
        var command = new RevisePurpose(Purpose);
        if (RevisePurposeEndpoint.Validate(command) is HttpValidationProblemDetails)
            return Problem(nameof(Purpose), "Write the shared purpose (up to 2,000 characters).");
        return alliance => (Results.Ok(), RevisePurposeEndpoint.Put(command, alliance).Item2);
    }, ct);

    public Task<IActionResult> OnPostPartnerAsync(CancellationToken ct) => ChangeAsync("partner", () =>
    {
        var command = new AddPartner(Id(), PartnerName, PartnerKind);
        if (AddPartnerEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
        {
            ModelState.AddAll(invalid.Errors, field => field == "kind" ? nameof(PartnerKind) : nameof(PartnerName),
                (field, message) => !message.StartsWith("Required", StringComparison.Ordinal) ? message
                    : field == "kind" ? "Choose what kind of organisation it is." : "Write the organisation's name.");
            return null;
        }
        return alliance => AddPartnerEndpoint.Post(command, alliance);
    }, ct);

    public Task<IActionResult> OnPostImperativeAsync(CancellationToken ct) => ChangeAsync("imperative", () =>
    {
        var command = new AddImperative(Id(), Imperative);
        if (AddImperativeEndpoint.Validate(command) is HttpValidationProblemDetails)
            return Problem(nameof(Imperative), "Write the commitment, like \"We share information before we are asked\".");
        return alliance => AddImperativeEndpoint.Post(command, alliance);
    }, ct);

    private Guid Id() => NewId == Guid.Empty ? Guid.CreateVersion7() : NewId;

    private Func<Alliance, (IResult, Wolverine.Marten.Events)>? Problem(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return null;
    }

    /// <summary>Checks the form, then decides and appends; a refused form shows again with what was typed.</summary>
    private async Task<IActionResult> ChangeAsync(string done, Func<Func<Alliance, (IResult, Wolverine.Marten.Events)>?> check, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        if (check() is not { } decide) return await ShowAsync(StatusCodes.Status400BadRequest, ct);
        Refusal = await ApplyToAllianceAsync(store, decide, ct);
        return Refusal is null ? LocalRedirect($"/alliances/{AllianceId}/settings?done={done}") : await ShowAsync(StatusCodes.Status409Conflict, ct);
    }

    private async Task<IActionResult> ShowAsync(int status, CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        Revisions = await PurposeRevisionsEndpoint.RevisionsAsync(session, AllianceId, ct);
        Purpose ??= Alliance.SharedPurpose;
        if (status == StatusCodes.Status200OK || NewId == Guid.Empty) NewId = Guid.CreateVersion7();
        Response.StatusCode = status;
        return Page();
    }

    public string KindWords(PartnerKind kind) => Kinds.First(k => k.Kind == kind).Words;
}
