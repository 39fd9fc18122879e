using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// One entry with its history (each version's words): amend what it says, when and where, its themes, capitals and
/// whether it strengthens or wears away, and narrow who may read it; apart from that, retract it (with a reason) or
/// withdraw the teller's consent (its words are erased everywhere), each behind a step that says what will happen.
/// Each is the API's use case, called in-process; the amend form carries the version it showed.
/// </summary>
public sealed class EntryModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource,
    RippleMapStates states, TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute]
    public Guid ObservationId { get; set; }

    [FromQuery]
    public string? Done { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? ObservedAt { get; set; }

    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public string? Themes { get; set; }

    [BindProperty]
    public List<CommunityCapital> Capitals { get; set; } = [];

    [BindProperty]
    public Valence? Valence { get; set; }

    [BindProperty]
    public ConsentScope? Scope { get; set; }

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

    /// <summary>The entry's themes as the codebook names them now (the amend form keeps the words it was coded with).</summary>
    public IReadOnlyList<string> ThemesNow { get; private set; } = [];

    public bool MayChange => Entry.MayBeChangedBy(Member) && !Entry.Withdrawn;

    /// <summary>Whether this reader sees earlier versions' words (its own organisation and stewards), or only when and what changed.</summary>
    public bool EarlierWordsShown => Entry.ShowsEarlierWordsTo(Member);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        if (Readable(await session.Events.AggregateStreamAsync<Observation>(ObservationId, token: ct)) is { } missing) return missing;
        ShowAsItIs();
        ThemesNow = (await Codebooks.OfAllianceAsync(session, ct)).CurrentNamesOf(Entry.Themes);
        return Page();
    }

    /// <summary>The amend form filled with what the entry says now.</summary>
    private void ShowAsItIs()
    {
        Text = Entry.Text;
        ObservedAt = FormValues.UkMoment(Entry.ObservedAt);
        Place = Entry.Place;
        Themes = string.Join(", ", Entry.Themes);
        Capitals = [.. Entry.Capitals];
        Valence = Entry.Valence;
        Scope = Entry.Consent.Scope;
        WithPartners = [.. Entry.WithPartners];
        Version = Entry.Version;
    }

    /// <summary>Who may read it, as the amend form offers it: as now, or narrower (widening needs the teller's fresh consent).</summary>
    public IEnumerable<(ConsentScope Scope, string Words)> Audiences => Words.Audiences.Where(a => a.Scope <= Entry.Consent.Scope);

    public async Task<IActionResult> OnPostAmendAsync(CancellationToken ct)
    {
        if (await EnterToChangeAsync(ct) is { } refused) return refused;
        // The form sends everything; the use case records only what differs from the entry. The moment is sent only when
        // it was changed, as the form shows it to the minute (left empty, it stays as it was: an entry always has one).
        var changedWhen = !string.IsNullOrWhiteSpace(ObservedAt) && ObservedAt != FormValues.UkMoment(Entry.ObservedAt);
        var observedAt = changedWhen ? FormValues.UkMoment(ObservedAt) : null;
        var command = new AmendObservation(Text ?? "", FormValues.Themes(Themes),
            [.. Capitals.Select(c => (CommunityCapital?)c)], Valence, WithPartners, Version, observedAt, Place ?? "",
            Scope is null ? null : new ConsentInput(Scope, null));
        if (changedWhen && observedAt is null)
        {
            // Left as it was, a moment it could not read would be no change at all: say so, with anything else amiss.
            ModelState.AddModelError(nameof(ObservedAt), "A date and time, like 2025-03-14 10:30.");
            ModelState.AddAll(AmendObservationUseCase.Validate(command, clock), FieldOf, PlainWords);
            return Invalid();
        }
        return Answer(await AmendObservationUseCase.RunAsync(ObservationId, command, Acting, store, clock, ct), "amended");
    }

    public async Task<IActionResult> OnPostRetractAsync(CancellationToken ct)
    {
        if (await EnterToChangeAsync(ct) is { } refused) return refused;
        ShowAsItIs();
        return Answer(await RetractObservationUseCase.RunAsync(ObservationId, new RetractObservation(Reason), Acting, store, ct), "retracted");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (await EnterToChangeAsync(ct) is { } refused) return refused;
        ShowAsItIs();
        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Tick the box to confirm that these words should be erased.");
            return Invalid();
        }
        return Answer(await WithdrawObservationConsentUseCase.RunAsync(ObservationId, null, Acting, new Withdrawing(store, dataSource, states, clock), ct), "withdrawn");
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
                ModelState.AddAll(invalid.Errors, FieldOf, PlainWords);
                return Invalid();
            case Outcome.Conflict { CurrentVersion: { } current, Current: Observation now }:
                Entry = now.ForReader(Member);
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

    /// <summary>The form field an API field error belongs beside.</summary>
    private static string FieldOf(string apiField) => apiField.Split('.', '[')[0] switch
    {
        "reason" => nameof(Reason),
        "observedAt" => nameof(ObservedAt),
        "place" => nameof(Place),
        "themes" => nameof(Themes),
        "capitals" => nameof(Capitals),
        "valence" => nameof(Valence),
        "consent" => nameof(Scope),
        "withPartners" => nameof(WithPartners),
        _ => nameof(Text)
    };

    /// <summary>A refusal in the words of the form rather than the API's.</summary>
    private string PlainWords(string field, string message) => field switch
    {
        "text" when message.StartsWith("Required", StringComparison.Ordinal) => "Write what happened; to take its words away, withdraw consent below.",
        "consent.scope" => $"Who may read it can only be made narrower. The person it is about agreed to {Words.Of(Entry.Consent.Scope)}; "
            + "letting more people read it needs their fresh consent, and this form cannot ask for that.",
        _ => message
    };

    /// <summary>Holds the entry when this person may read it; otherwise the "not found" to answer.</summary>
    private IActionResult? Readable(Observation? entry)
    {
        if (!MayRead(entry, clock))
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no entry here that you may read.");
        Entry = entry.ForReader(Member);
        ThemesNow = entry.Themes;
        return null;
    }
}
