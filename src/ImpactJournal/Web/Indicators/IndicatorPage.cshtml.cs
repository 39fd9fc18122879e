using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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

    public Task<IActionResult> OnPostAdoptAsync(CancellationToken ct) => ChangeAsync(true, "adopted", indicator =>
    {
        var command = new AdoptIndicator(FormValues.Date(AdoptedOn));
        if (command.AdoptedOn is null) return Field(nameof(AdoptedOn), "Say on which day the alliance adopted it.");
        return AdoptIndicatorEndpoint.Post(command, indicator);
    }, ct);

    public Task<IActionResult> OnPostRetireAsync(CancellationToken ct) => ChangeAsync(true, "retired", indicator =>
    {
        var command = new RetireIndicator(Reason);
        if (RetireIndicatorEndpoint.Validate(command) is HttpValidationProblemDetails) return Field(nameof(Reason), "Say why it is retired (up to 2,000 characters).");
        return RetireIndicatorEndpoint.Post(command, indicator);
    }, ct);

    public Task<IActionResult> OnPostRedefineAsync(CancellationToken ct) => ChangeAsync(true, "redefined", indicator =>
    {
        var command = new RedefineIndicator(Name, Question, Unit, Method, NarrativeOfSuccess);
        if (RedefineIndicatorEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
        {
            ModelState.AddAll(invalid.Errors, field => field == "body" ? nameof(Question) : char.ToUpperInvariant(field[0]) + field[1..]);
            return (null, []);
        }
        return RedefineIndicatorEndpoint.Put(command, indicator);
    }, ct);

    public Task<IActionResult> OnPostReadingAsync(CancellationToken ct) => ChangeAsync(false, "recorded", indicator =>
    {
        var value = double.TryParse(Value?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (double?)null;
        if (!string.IsNullOrWhiteSpace(Value) && value is null) return Field(nameof(Value), "A number, like 12 or 4.5.");
        var observedOn = FormValues.Date(ObservedOn);
        if (!string.IsNullOrWhiteSpace(ObservedOn) && observedOn is null) return Field(nameof(ObservedOn), "A date, like 14/03/2025.");
        var command = new RecordReading(ReadingId == Guid.Empty ? Guid.CreateVersion7() : ReadingId, value, observedOn, SampleSize, Source, Note, null);
        if (RecordReadingEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
        {
            ModelState.AddAll(invalid.Errors, field => char.ToUpperInvariant(field[0]) + field[1..],
                (field, message) => message.StartsWith("Required", StringComparison.Ordinal) ? field == "value" ? "Give the reading's value." : "Say on which day it was observed." : message);
            return (null, []);
        }
        var (answer, recorded, _) = RecordReadingEndpoint.Decide(indicator, ReadingIndex.Of(indicator), command, [], AllianceId);
        return (answer, recorded is null ? [] : [recorded]);
    }, ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to upload.");
            return await ShowAsync(StatusCodes.Status400BadRequest, ct);
        }
        await using var session = WriteSession(store);
        await using var body = file.OpenReadStream();
        var answer = await ReadingsCsvEndpoint.ImportAsync(body, AllianceId, IndicatorId, session, ct);
        if (answer is Ok<ImportResult> ok)
        {
            await session.SaveChangesAsync(ct);
            Imported = ok.Value;
            return await ShowAsync(StatusCodes.Status200OK, ct);
        }
        Refusal = Explain(answer);
        return await ShowAsync(answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound } ? 404 : 400, ct);
    }

    private (IResult?, Wolverine.Marten.Events) Field(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return (null, []);
    }

    /// <summary>Decides a change against the indicator as it is now and appends it as the API does.</summary>
    private async Task<IActionResult> ChangeAsync(bool facilitatorsOnly, string done, Func<Indicator, (IResult? Answer, Wolverine.Marten.Events Events)> decide, CancellationToken ct)
    {
        AllianceRole[] roles = facilitatorsOnly ? [AllianceRole.Facilitator, AllianceRole.Steward] : [AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward];
        if (await EnterAsync(roles) is { } refused) return refused;
        // Readings take the stream one writer at a time (the API's same-day rule reads the readings already there).
        var (outcome, answer) = await ApplyToStreamAsync(store, IndicatorId, oneWriterAtATime: !facilitatorsOnly, decide, ct);
        if (outcome == Applied.Refused) Refusal = Explain(answer!);
        return outcome switch
        {
            Applied.Missing => Refused(StatusCodes.Status404NotFound, "Not found", "There is no indicator here."),
            Applied.Invalid => await ShowAsync(StatusCodes.Status400BadRequest, ct),
            Applied.Refused => await ShowAsync(StatusOf(answer), ct),
            _ => LocalRedirect($"/alliances/{AllianceId}/indicators/{IndicatorId}?done={done}")
        };
    }

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
