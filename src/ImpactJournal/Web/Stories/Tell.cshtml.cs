using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using ImpactJournal.Codebook;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// "Tell a story": the teller's words, consent and the alliance's signification framework — each triad a
/// triangle (or three numbers summing to 100 %), each dyad a slider, each choice radio buttons. As with
/// observations, the story's id is made when the form is first shown and travels in its address, so a
/// retry saves one story. The same use case as the API's.
/// </summary>
public sealed class TellModel(AllianceDirectory directory, IDocumentStore store, StreamStarter starter, TimeProvider clock,
    NpgsqlDataSource dataSource, RippleMapStates states) : AlliancePage(directory)
{
    [BindProperty]
    public StoryForm Form { get; set; } = new();

    [FromQuery]
    public Guid? Draft { get; set; }

    /// <summary>The form as tellers will see it, shown to whoever edits the framework; it cannot be saved.</summary>
    [FromQuery]
    public bool Preview { get; set; }

    public bool AlreadySavedDifferently { get; private set; }

    public bool ChoosesPartner => Member.PartnerId is null;

    public IReadOnlyList<ThemeEntry> ThemeSuggestions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (!Preview && RedirectToNewDraft(Draft) is { } redirect) return redirect;
        var draft = Draft ?? Guid.Empty;
        Form = new StoryForm { Id = draft, ToldOn = FormValues.Today(clock), Scope = ConsentScope.Alliance };
        Form.Fit(Alliance.Framework);
        foreach (var dyad in Form.Dyads) dyad.Skip = true;
        await SuggestThemesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        Form.Fit(Alliance.Framework);
        for (var i = 0; i < Form.Triads.Count; i++)
            if (Form.Triads[i].Problem() is { } problem) ModelState.AddModelError($"Form.Triads[{i}]", problem);
        var toldOn = FormValues.Date(Form.ToldOn);
        if (!string.IsNullOrWhiteSpace(Form.ToldOn) && toldOn is null) ModelState.AddModelError("Form.ToldOn", "A date, like 14/03/2025.");
        var expiresOn = FormValues.Date(Form.ExpiresOn);
        if (!string.IsNullOrWhiteSpace(Form.ExpiresOn) && expiresOn is null) ModelState.AddModelError("Form.ExpiresOn", "A date, like 14/03/2026.");

        // Every mistake is shown at once: the form's own (numbers and dates it could not read) and the API's.
        if (Form.Id == Guid.Empty) Form.Id = Guid.CreateVersion7();
        var command = new TellStory(Form.Id, Form.Title, Form.Narrative, Form.TellerRole, toldOn, Form.DomainOfChange,
            new StoryConsentInput(Form.Scope, Form.Identifiable, expiresOn), Form.Signifiers(), ChoosesPartner ? Form.PartnerId : null,
            FormValues.Themes(Form.Themes));
        if (!ModelState.IsValid)
        {
            ModelState.AddAll(TellStoryUseCase.Validate(command, Alliance.Framework, clock), FieldOf, PlainWords);
            await SuggestThemesAsync(ct);
            return Invalid();
        }

        var outcome = await TellStoryUseCase.RunAsync(command, Acting, starter, store, clock, ct);
        switch (outcome)
        {
            case { SavedId: { } saved }:
                return LocalRedirect($"/alliances/{AllianceId}/stories/{saved}?done=told");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, FieldOf, PlainWords);
                await SuggestThemesAsync(ct);
                return Invalid();
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

    private async Task SuggestThemesAsync(CancellationToken ct) =>
        ThemeSuggestions = await CodebookSuggestions.ReadAsync(store, AllianceId, Member.Role, clock, dataSource, states, ct);

    /// <summary>The form field an API field error belongs beside: "signifiers.triads.what-helped" → that triad's numbers.</summary>
    private string FieldOf(string apiField)
    {
        var parts = apiField.Split('.');
        return parts switch
        {
            ["signifiers", "triads", var key] => $"Form.Triads[{Form.Triads.FindIndex(t => t.Key == key)}]",
            ["signifiers", "dyads", var key] => $"Form.Dyads[{Form.Dyads.FindIndex(d => d.Key == key)}]",
            ["signifiers", "choices", var key] => $"Form.Choices[{Form.Choices.FindIndex(c => c.Key == key)}]",
            ["consent", "expiresOn"] => "Form.ExpiresOn",
            ["consent", ..] => "Form.Scope",
            ["partnerId"] => "Form.PartnerId",
            [{ Length: > 0 } field, ..] => "Form." + char.ToUpperInvariant(field[0]) + field[1..],
            _ => "Form.Title"
        };
    }

    private static string PlainWords(string field, string message) => field switch
    {
        "partnerId" => "Choose the partner organisation this story is recorded for.",
        _ when !message.StartsWith("Required", StringComparison.Ordinal) => message,
        "title" => "Give the story a title.",
        "narrative" => "Tell the story in the teller's words.",
        "tellerRole" => "Say who is telling it, for example \"resident\" or \"support worker\".",
        "toldOn" => "Say when it was told.",
        _ when field.StartsWith("consent", StringComparison.Ordinal) => "Choose who may read this.",
        _ => message
    };
}
