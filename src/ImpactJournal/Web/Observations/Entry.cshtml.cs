using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Observations;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// One entry with its history: amend it (the earlier words stay in its history), retract it (with a
/// reason), or withdraw the teller's consent (its words are erased everywhere, after a confirmation
/// that says so). Each is the API's use case, called in-process; the amend form carries the version it showed.
/// </summary>
public sealed class EntryModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute]
    public Guid ObservationId { get; set; }

    [FromQuery]
    public string? Done { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Themes { get; set; }

    [BindProperty]
    public List<Guid> WithPartners { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The entry's version the amend form showed, so that a change made since is not silently overwritten.</summary>
    [BindProperty]
    public long? Version { get; set; }

    /// <summary>The entry was amended by someone else after the form was shown: the page shows both versions.</summary>
    public bool ChangedSince { get; private set; }

    public Observation Entry { get; private set; } = null!;

    public bool MayChange => Entry.MayBeChangedBy(Member) && !Entry.Withdrawn;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        if (Readable(await session.Events.AggregateStreamAsync<Observation>(ObservationId, token: ct)) is { } missing) return missing;
        Text ??= Entry.Text;
        Themes ??= string.Join(", ", Entry.Themes);
        WithPartners = [.. Entry.WithPartners];
        Version = Entry.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAmendAsync(CancellationToken ct)
    {
        if (await EnterToChangeAsync(ct) is { } refused) return refused;
        // Who else took part is amended only when the ticks changed, so a change of wording alone records only that.
        var partnersChanged = !WithPartners.ToHashSet().SetEquals(Entry.WithPartners);
        var command = new AmendObservation(Text, [.. (Themes ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            null, null, partnersChanged ? WithPartners : null, Version);
        return Answer(await AmendObservationUseCase.RunAsync(ObservationId, command, Acting, store, ct), "amended");
    }

    public async Task<IActionResult> OnPostRetractAsync(CancellationToken ct)
    {
        if (await EnterToChangeAsync(ct) is { } refused) return refused;
        return Answer(await RetractObservationUseCase.RunAsync(ObservationId, new RetractObservation(Reason), Acting, store, ct), "retracted");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (await EnterToChangeAsync(ct) is { } refused) return refused;
        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Tick the box to confirm that these words should be erased.");
            return Invalid();
        }
        return Answer(await WithdrawObservationConsentUseCase.RunAsync(ObservationId, null, Acting, store, clock, ct), "withdrawn");
    }

    /// <summary>Null when this person may use the entry's forms and may read the entry (now in <see cref="Entry"/>).</summary>
    private async Task<IActionResult?> EnterToChangeAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        return Readable(await session.Events.AggregateStreamAsync<Observation>(ObservationId, token: ct));
    }

    /// <summary>
    /// A change's outcome on this page: done, the form again with its errors, the form again beside what the entry says
    /// now when it changed since the form was shown (409), or the refusal in the words the API gives.
    /// </summary>
    private IActionResult Answer(Outcome outcome, string done)
    {
        switch (outcome)
        {
            case { SavedId: not null }:
                return LocalRedirect($"/alliances/{AllianceId}/entries/{ObservationId}?done={done}");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => field == "reason" ? nameof(Reason) : nameof(Text));
                return Invalid();
            case Outcome.Conflict { CurrentVersion: { } current, Current: Observation now }:
                Entry = now;
                Version = current;
                ChangedSince = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case Outcome.Conflict conflict:
                return Refused(StatusCodes.Status409Conflict, conflict.Title, conflict.Detail);
            default:
                return RefusalPage(outcome)!;
        }
    }

    /// <summary>Holds the entry when this person may read it; otherwise the "not found" to answer.</summary>
    private IActionResult? Readable(Observation? entry)
    {
        if (!MayRead(entry, clock))
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no entry here that you may read.");
        Entry = entry;
        return null;
    }
}
