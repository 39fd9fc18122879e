using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Invitations;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// "Invite residents": an invitation to tell a story or answer a check-in round, with no account. Once made, the page shows
/// its link and QR code (for a screen, a projector, or printed as an A6 card) this once: only a hash of it is kept.
/// </summary>
public sealed class MakeInvitationModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    [FromQuery] public Guid? Draft { get; set; }
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public InvitationKind Kind { get; set; } = InvitationKind.Story;
    [BindProperty] public Guid? CheckInId { get; set; }
    [BindProperty] public string? ExpiresOn { get; set; }
    [BindProperty] public string? MaxUses { get; set; }
    [BindProperty] public Guid? PartnerId { get; set; }

    public IReadOnlyList<CheckInRound> OpenRounds { get; private set; } = [];

    public bool ChoosesPartner => Member.PartnerId is null;

    /// <summary>The invitation just made, with its link: shown this once.</summary>
    public MadeInvitation? Made { get; private set; }

    public bool MadeAlready { get; private set; }

    public bool AlreadySavedDifferently { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (RedirectToNewDraft(Draft) is { } redirect) return redirect;
        Id = Draft!.Value;
        ExpiresOn = Words.Today(clock).AddDays(28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        MaxUses = "30";
        await LoadRoundsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await LoadRoundsAsync(ct);
        if (Id == Guid.Empty) Id = Guid.CreateVersion7();
        var expiresOn = FormValues.Date(ExpiresOn);
        if (!string.IsNullOrWhiteSpace(ExpiresOn) && expiresOn is null) ModelState.AddModelError(nameof(ExpiresOn), "A date, like 30/06/2026.");
        int? maxUses = int.TryParse(MaxUses, out var uses) ? uses : null;
        if (!string.IsNullOrWhiteSpace(MaxUses) && maxUses is null) ModelState.AddModelError(nameof(MaxUses), "A whole number, like 30.");
        var command = new MakeInvitation(Id, Purpose, Kind, Kind == InvitationKind.CheckIn ? CheckInId : null, expiresOn, maxUses,
            ChoosesPartner ? PartnerId : null);

        var outcome = await MakeInvitationUseCase.RunAsync(command, Acting, InvitationLinks.ServiceBaseOf(HttpContext), store, clock, ct);
        switch (outcome)
        {
            case Outcome.Saved { Body: MadeInvitation made }:
                Made = made;
                return Page();
            case Outcome.AlreadyThere:
                MadeAlready = true;
                return Page();
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => char.ToUpperInvariant(field[0]) + field[1..], PlainWords);
                return Invalid();
            case Outcome.Conflict:
                AlreadySavedDifferently = true;
                return Page();
            default:
                return RefusalPage(outcome)!;
        }
    }

    private async Task LoadRoundsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        OpenRounds = [.. (await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct)).Where(r => !r.Closed).OrderByDescending(r => r.PeriodEnd)];
    }

    private static string PlainWords(string field, string message) => message.StartsWith("Required", StringComparison.Ordinal) ? field switch
    {
        "purpose" => "Say what you are asking residents, like \"Tell us about the Tuesday meal\".",
        "checkInId" => "Choose the check-in round residents will answer.",
        "expiresOn" => "Say until when the invitation opens.",
        "maxUses" => "Say how many times it may be used.",
        "partnerId" => "Choose the partner organisation that invites.",
        _ => message
    } : message;
}
