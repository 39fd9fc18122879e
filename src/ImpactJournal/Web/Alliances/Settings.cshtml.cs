using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The steward's alliance settings: the shared purpose with every earlier wording, the partner
/// organisations, and the relational commitments (imperatives) partners signed up to. Each change is
/// the same use case as the API's.
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

    public Task<IActionResult> OnPostPurposeAsync(CancellationToken ct) => ChangeAsync("purpose",
        () => RevisePurposeUseCase.RunAsync(new RevisePurpose(Purpose), Acting, store, ct),
        _ => nameof(Purpose), (_, _) => string.Create(CultureInfo.InvariantCulture, $"Write the shared purpose (up to {AllianceLimits.Purpose:N0} characters)."), ct);

    public Task<IActionResult> OnPostPartnerAsync(CancellationToken ct) => ChangeAsync("partner",
        () => AddPartnerUseCase.RunAsync(new AddPartner(Id(), PartnerName, PartnerKind), Acting, store, ct),
        field => field == "kind" ? nameof(PartnerKind) : nameof(PartnerName),
        (field, message) => !message.StartsWith("Required", StringComparison.Ordinal) ? message
            : field == "kind" ? "Choose what kind of organisation it is." : "Write the organisation's name.", ct);

    public Task<IActionResult> OnPostImperativeAsync(CancellationToken ct) => ChangeAsync("imperative",
        () => AddImperativeUseCase.RunAsync(new AddImperative(Id(), Imperative), Acting, store, ct),
        _ => nameof(Imperative), (_, _) => "Write the commitment, like \"We share information before we are asked\".", ct);

    private Guid Id() => NewId == Guid.Empty ? Guid.CreateVersion7() : NewId;

    /// <summary>Runs the change; a refused form shows again with what was typed, its errors beside their fields.</summary>
    private async Task<IActionResult> ChangeAsync(string done, Func<Task<Outcome>> run, Func<string, string> fieldOf,
        Func<string, string, string> plainWords, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        var outcome = await run();
        switch (outcome)
        {
            case { SavedId: not null }:
                return LocalRedirect($"/alliances/{AllianceId}/settings?done={done}");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, fieldOf, plainWords);
                return await ShowAsync(StatusCodes.Status400BadRequest, ct);
            default:
                Refusal = Explain(outcome);
                return await ShowAsync(StatusOf(outcome), ct);
        }
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
