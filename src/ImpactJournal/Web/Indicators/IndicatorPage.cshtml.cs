using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>A linked observation or story as this reader may see it: its words only when its teller's consent reaches them.</summary>
public sealed record LinkedRecord(string Href, string Words);

/// <summary>
/// One indicator's trend: a plain sentence first, then the whole series with its definition versions, the method behind
/// "How is this judged?", the
/// readings with their notes and the evidence linked to them (only what consent lets this reader see).
/// Facilitators and stewards adopt, redefine and retire it; contributors record readings and import them
/// from CSV. Every change is the API's own decision on the indicator's stream.
/// </summary>
public sealed class IndicatorPageModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute] public Guid IndicatorId { get; set; }
    [FromQuery] public string? Done { get; set; }

    [BindProperty] public string? AdoptedOn { get; set; }
    [BindProperty] public Guid ReadingId { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? ObservedOn { get; set; }
    [BindProperty] public int? SampleSize { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public IndicatorUnit? Unit { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? NarrativeOfSuccess { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Indicator Indicator { get; private set; } = null!;
    public IndicatorTrend Trend { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, LinkedRecord> Linked { get; private set; } = new Dictionary<Guid, LinkedRecord>();
    public ImportResult? Imported { get; private set; }
    public string? Refusal { get; private set; }

    /// <summary>"the latest reading is 13 months old" when it is old for the indicator's cadence (<see cref="ReadingAge"/>).</summary>
    public string? LatestAge { get; private set; }

    public bool Facilitates => Member.Role is AllianceRole.Facilitator or AllianceRole.Steward;
    public bool Contributes => Member.Role is not AllianceRole.Commissioner && Indicator.Status != IndicatorStatus.Retired;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        return await ShowAsync(StatusCodes.Status200OK, ct);
    }

    public async Task<IActionResult> OnPostAdoptAsync(CancellationToken ct)
    {
        if (await EnterAsync(Facilitating) is { } refused) return refused;
        var outcome = await AdoptIndicatorUseCase.RunAsync(IndicatorId, new AdoptIndicator(FormValues.Date(AdoptedOn)), Acting, store, ct);
        return await AnswerAsync(outcome, "adopted", _ => ModelState.AddModelError(nameof(AdoptedOn), "Say on which day the alliance adopted it."), ct);
    }

    public async Task<IActionResult> OnPostRetireAsync(CancellationToken ct)
    {
        if (await EnterAsync(Facilitating) is { } refused) return refused;
        var outcome = await RetireIndicatorUseCase.RunAsync(IndicatorId, new RetireIndicator(Reason), Acting, store, ct);
        return await AnswerAsync(outcome, "retired", _ => ModelState.AddModelError(nameof(Reason), "Say why it is retired (up to 2,000 characters)."), ct);
    }

    public async Task<IActionResult> OnPostRedefineAsync(CancellationToken ct)
    {
        if (await EnterAsync(Facilitating) is { } refused) return refused;
        var command = new RedefineIndicator(Name, Question, Unit, Method, NarrativeOfSuccess);
        var outcome = await RedefineIndicatorUseCase.RunAsync(IndicatorId, command, Acting, store, ct);
        return await AnswerAsync(outcome, "redefined",
            errors => ModelState.AddAll(errors, field => field == "body" ? nameof(Question) : FormField(field)), ct);
    }

    public async Task<IActionResult> OnPostReadingAsync(CancellationToken ct)
    {
        if (await EnterAsync(Contributing) is { } refused) return refused;
        var value = double.TryParse(Value?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (double?)null;
        if (!string.IsNullOrWhiteSpace(Value) && value is null) return await UnreadableAsync(nameof(Value), "A number, like 12 or 4.5.", ct);
        var observedOn = FormValues.Date(ObservedOn);
        if (!string.IsNullOrWhiteSpace(ObservedOn) && observedOn is null) return await UnreadableAsync(nameof(ObservedOn), "A date, like 14/03/2025.", ct);
        var command = new RecordReading(ReadingId == Guid.Empty ? Guid.CreateVersion7() : ReadingId, value, observedOn, SampleSize, Source, Note, null);
        var outcome = await RecordReadingUseCase.RunAsync(IndicatorId, command, Acting, store, ct);
        return await AnswerAsync(outcome, "recorded", errors => ModelState.AddAll(errors, FormField,
            (field, message) => message.StartsWith("Required", StringComparison.Ordinal) ? field == "value" ? "Give the reading's value." : "Say on which day it was observed." : message), ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (await EnterAsync(Contributing) is { } refused) return refused;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to upload.");
            return await ShowAsync(StatusCodes.Status400BadRequest, ct);
        }
        await using var body = file.OpenReadStream();
        var outcome = await ImportReadingsUseCase.RunAsync(new ImportReadings(IndicatorId, body), Acting, store, ct);
        if (outcome is Outcome.Saved { Body: ImportResult imported })
        {
            Imported = imported;
            return await ShowAsync(StatusCodes.Status200OK, ct);
        }
        if (outcome is Outcome.NotFound) return NoIndicator();
        // The upload answers every refused file 400, as it always has (a retired indicator included, which the API answers 409).
        Refusal = Explain(outcome);
        return await ShowAsync(StatusCodes.Status400BadRequest, ct);
    }

    private static readonly AllianceRole[] Facilitating = [AllianceRole.Facilitator, AllianceRole.Steward];
    private static readonly AllianceRole[] Contributing = [AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward];

    private static string FormField(string apiField) => char.ToUpperInvariant(apiField[0]) + apiField[1..];

    /// <summary>A change saved goes back to the trend saying so; field errors show beside their fields; any other refusal in one line.</summary>
    private async Task<IActionResult> AnswerAsync(Outcome outcome, string done, Action<IReadOnlyDictionary<string, string[]>> showErrors, CancellationToken ct)
    {
        switch (outcome)
        {
            case { SavedId: not null }:
                return LocalRedirect($"/alliances/{AllianceId}/indicators/{IndicatorId}?done={done}");
            case Outcome.NotFound:
                return NoIndicator();
            case Outcome.Invalid invalid:
                showErrors(invalid.Errors);
                return await ShowAsync(StatusCodes.Status400BadRequest, ct);
            default:
                Refusal = Explain(outcome);
                return await ShowAsync(StatusOf(outcome), ct);
        }
    }

    /// <summary>What was typed is not a number or a date at all: the form again, saying so beside it.</summary>
    private async Task<IActionResult> UnreadableAsync(string field, string message, CancellationToken ct)
    {
        ModelState.AddModelError(field, message);
        return await ShowAsync(StatusCodes.Status400BadRequest, ct);
    }

    private IActionResult NoIndicator() => Refused(StatusCodes.Status404NotFound, "Not found", "There is no indicator here.");

    private async Task<IActionResult> ShowAsync(int status, CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        var (found, lastReview) = await ReadIndicatorsEndpoint.WithLastReviewAsync(session, IndicatorId, null, ct);
        if (found is not { } indicator)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no indicator here.");
        Indicator = indicator;
        Trend = await ReadIndicatorsEndpoint.TrendOfAsync(session, indicator, lastReview, null, ct);
        Linked = await LinkedAsync(session, ct);
        LatestAge = indicator.Latest is { } latest
            ? ReadingAge.Warning(latest.ObservedOn, indicator.Span.TypicalGapDays, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            : null;
        if (status == StatusCodes.Status200OK || !ModelState.ContainsKey(nameof(Question)))
        {
            Name ??= indicator.Name;
            Question ??= indicator.Definition.Question;
            Unit ??= indicator.Definition.Unit;
            Method ??= indicator.Definition.Method;
            NarrativeOfSuccess ??= indicator.NarrativeOfSuccess;
        }
        if (ReadingId == Guid.Empty) ReadingId = Guid.CreateVersion7();
        var today = FormValues.Today(clock);
        ObservedOn ??= today;
        AdoptedOn ??= today;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The observations and stories linked to readings that this reader may read, by id.</summary>
    private async Task<IReadOnlyDictionary<Guid, LinkedRecord>> LinkedAsync(IQuerySession session, CancellationToken ct)
    {
        var cited = Trend.Linked.Where(l => !l.Withdrawn).ToList();
        if (cited.Count == 0) return new Dictionary<Guid, LinkedRecord>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var home = $"/alliances/{AllianceId}";
        var observations = await session.LoadManyAsync<Observation>(ct, cited.Where(c => c.Kind == EvidenceKind.Observation).Select(c => c.Id));
        var stories = await session.LoadManyAsync<Story>(ct, cited.Where(c => c.Kind == EvidenceKind.Story).Select(c => c.Id));
        var readable = new Dictionary<Guid, LinkedRecord>();
        foreach (var o in observations.Where(o => !o.Withdrawn && o.Consent.AllowsReadingBy(Member.Role, today)))
            readable[o.Id] = new LinkedRecord($"{home}/entries/{o.Id}", o.Text ?? "");
        foreach (var s in stories.Where(s => !s.Withdrawn && s.Consent.AllowsReadingBy(Member.Role, today)))
            readable[s.Id] = new LinkedRecord($"{home}/stories/{s.Id}", s.Title ?? "");
        return readable;
    }
}
