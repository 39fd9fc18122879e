using ImpactJournal.Access;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// One entry with its history: amend it (the earlier words stay in its history), retract it (with a
/// reason), or withdraw the teller's consent (its words are erased everywhere, after a confirmation
/// that says so). The same validation, decisions and erasure as the API's, called in-process.
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
        return Page();
    }

    public Task<IActionResult> OnPostAmendAsync(CancellationToken ct) => ChangeAsync("amended", () =>
    {
        // Who else took part is amended only when the ticks changed, so a change of wording alone records only that.
        var partnersChanged = !WithPartners.ToHashSet().SetEquals(Entry.WithPartners);
        var command = new AmendObservation(Text, [.. (Themes ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], null, null,
            partnersChanged ? WithPartners : null);
        if (AmendObservationEndpoint.Validate(command) is HttpValidationProblemDetails invalid) return (invalid.Errors, null);
        var (withPartners, unknown) = JointPartners.Resolve(Alliance, command.WithPartners, Entry.PartnerId);
        if (unknown is not null) return (new Dictionary<string, string[]> { ["withPartners"] = [unknown] }, null);
        return (null, AmendObservationEndpoint.Decide(command) with { WithPartners = partnersChanged ? withPartners : null });
    }, ct);

    public Task<IActionResult> OnPostRetractAsync(CancellationToken ct) => ChangeAsync("retracted", () =>
    {
        var command = new RetractObservation(Reason);
        if (RetractObservationEndpoint.Validate(command) is HttpValidationProblemDetails invalid) return (invalid.Errors, null);
        // Retracting again changes nothing, as in the API.
        return (null, Entry.Retracted ? null : RetractObservationEndpoint.Decide(command));
    }, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await using var session = WriteSession(store);
        var stream = await session.Events.FetchForWriting<Observation>(ObservationId, ct);
        if (Readable(stream.Aggregate) is { } missing) return missing;
        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Tick the box to confirm that these words should be erased.");
            return Invalid();
        }
        var (answer, events, pendingDone) = await ConsentWithdrawals.WithdrawAsync(store, AllianceId, ObservationId, EvidenceKind.Observation,
            Entry.WithdrawnAt, Entry.MayBeChangedBy(Member), Subject, clock, ct);
        if (answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status403Forbidden }) return RefusedChange();
        stream.AppendMany([.. events]);
        pendingDone.Execute(session);
        await session.SaveChangesAsync(ct);
        return LocalRedirect($"/alliances/{AllianceId}/entries/{ObservationId}?done=withdrawn");
    }

    /// <summary>Decides a change against the entry as it is now and appends it with the stream's optimistic concurrency.</summary>
    private async Task<IActionResult> ChangeAsync(string done, Func<(IDictionary<string, string[]>? Errors, object? Change)> decide, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await using var session = WriteSession(store);
        var stream = await session.Events.FetchForWriting<Observation>(ObservationId, ct);
        if (Readable(stream.Aggregate) is { } missing) return missing;
        if (!Entry.MayBeChangedBy(Member) || Entry.Withdrawn) return RefusedChange();

        var (errors, change) = decide();
        if (errors is not null)
        {
            foreach (var (field, messages) in errors)
                foreach (var message in messages)
                    ModelState.AddModelError(field == "reason" ? nameof(Reason) : nameof(Text), message);
            return Invalid();
        }
        if (change is not null)
        {
            if (Entry.Retracted) return RefusedChange();
            stream.AppendOne(change);
            await session.SaveChangesAsync(ct);
        }
        return LocalRedirect($"/alliances/{AllianceId}/entries/{ObservationId}?done={done}");
    }

    /// <summary>Holds the entry when this person may read it; otherwise the "not found" to answer.</summary>
    private IActionResult? Readable(Observation? entry)
    {
        if (!MayRead(entry, clock))
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no entry here that you may read.");
        Entry = entry;
        return null;
    }

    private IActionResult RefusedChange() => Refused(StatusCodes.Status403Forbidden, "You cannot do this here",
        "Partners change only their own organisation's entries, and an entry whose consent was withdrawn cannot be changed.");
}
