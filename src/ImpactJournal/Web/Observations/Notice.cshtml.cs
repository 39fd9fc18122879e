using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.RippleMaps;
using Npgsql;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>What a person typed into "What did you notice?", kept as typed so a refused form loses nothing.</summary>
public sealed class NoticeForm
{
    public Guid Id { get; set; }
    public string? Text { get; set; }
    public string? ObservedAt { get; set; }
    public string? Place { get; set; }
    public string? Themes { get; set; }
    public List<CommunityCapital> Capitals { get; set; } = [];
    public Valence? Valence { get; set; }
    public ConsentScope? Scope { get; set; }
    public bool Identifiable { get; set; }
    public List<Guid> WithPartners { get; set; } = [];
}

/// <summary>
/// "What did you notice?" — logging an observation on a phone. The form carries the id the entry will
/// have, made when the form was first shown and kept in its address, so a double tap, a resubmit after
/// going back or a retry on a poor connection saves one entry. The same validation and decision as the API, called in-process.
/// </summary>
public sealed class NoticeModel(AllianceDirectory directory, IDocumentStore store, StreamStarter starter, TimeProvider clock,
    NpgsqlDataSource dataSource, RippleMapStates states) : AlliancePage(directory)
{
    [BindProperty]
    public NoticeForm Form { get; set; } = new();

    [FromQuery]
    public Guid? Draft { get; set; }

    public IReadOnlyList<ThemeEntry> ThemeSuggestions { get; private set; } = [];

    public bool AlreadySavedDifferently { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (RedirectToNewDraft(Draft) is { } redirect) return redirect;
        var draft = Draft!.Value;
        Form = new NoticeForm { Id = draft, ObservedAt = FormValues.UkMoment(clock.GetUtcNow()), Scope = ConsentScope.Alliance };
        await SuggestThemesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        var command = new LogObservation(Form.Id == Guid.Empty ? null : Form.Id, Form.Text, FormValues.UkMoment(Form.ObservedAt), Form.Place,
            FormValues.Themes(Form.Themes),
            [.. Form.Capitals.Select(c => (CommunityCapital?)c)], Form.Valence, null, new ConsentInput(Form.Scope, Form.Identifiable),
            Form.WithPartners);
        if (!string.IsNullOrWhiteSpace(Form.ObservedAt) && command.ObservedAt is null)
            ModelState.AddModelError(FieldName("observedAt"), "A date and time, like 2025-03-14 10:30.");

        var outcome = await LogObservationUseCase.RunAsync(command, Acting, starter, store, clock, ct);
        switch (outcome)
        {
            case { SavedId: { } saved }:
                return LocalRedirect($"/alliances/{AllianceId}/entries?saved={saved}");
            case Outcome.Invalid invalid:
                return await ShowErrorsAsync(invalid.Errors, ct);
            case Outcome.Conflict:
                AlreadySavedDifferently = true;
                // The status tells an entry sent later from a phone's outbox (sw.js) that it is a conflict to resolve.
                Response.StatusCode = StatusCodes.Status409Conflict;
                await SuggestThemesAsync(ct);
                return Page();
            default:
                return RefusalPage(outcome)!;
        }
    }

    private async Task<IActionResult> ShowErrorsAsync(IReadOnlyDictionary<string, string[]> errors, CancellationToken ct)
    {
        ModelState.AddAll(errors, FieldName, PlainWords);
        await SuggestThemesAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>What a missing answer means on this form, in the words of the form rather than the API's.</summary>
    private static string PlainWords(string field, string message) => !message.StartsWith("Required", StringComparison.Ordinal) ? message : field switch
    {
        "partnerId" => "You are not tied to a partner organisation, so this cannot be logged for one.",
        "text" => "Write what happened.",
        "observedAt" => "Say when it happened.",
        "valence" => "Choose whether it strengthens or wears away what people value.",
        _ when field.StartsWith("consent", StringComparison.Ordinal) => "Choose who may read this.",
        _ => message
    };

    /// <summary>The form field an API field error belongs beside.</summary>
    public static string FieldName(string apiField) => apiField.Split('.', '[')[0] switch
    {
        "consent" => "Form.Scope",
        "partnerId" => "Form.Text",
        var field => "Form." + char.ToUpperInvariant(field[0]) + field[1..]
    };

    private async Task SuggestThemesAsync(CancellationToken ct) =>
        ThemeSuggestions = await CodebookSuggestions.ReadAsync(store, AllianceId, Member.Role, clock, dataSource, states, ct);
}
