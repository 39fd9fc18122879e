using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>A rename or merge the page asks about before doing it: what will read as what, and how many records that touches.</summary>
public sealed record CodebookQuestion(string Kind, string Theme, string To, object Observations, object Stories, int Ripples);

/// <summary>
/// The alliance's codebook: every theme with its counts, description and former names, for everyone. Facilitators and
/// stewards rename, merge (each asked first, saying what will happen) and describe themes; the records keep their words.
/// </summary>
public sealed class CodebookPageModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, RippleMapStates states,
    TimeProvider clock) : AlliancePage(directory)
{
    /// <summary>The rename or merge's id, made when the form is drawn: sending it twice records one change.</summary>
    [BindProperty] public Guid ChangeId { get; set; }
    [BindProperty] public string? Theme { get; set; }
    /// <summary>The new name (rename) or the theme merged into (merge).</summary>
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>What was just done ("renamed", "merged", "described"); the page says so in its own words.</summary>
    [FromQuery] public string? Done { get; set; }

    public CodebookView View { get; private set; } = null!;
    public AllianceCodebook Codebook { get; private set; } = null!;
    public CodebookQuestion? Asking { get; private set; }
    /// <summary>The form to show open again: the one refused, or asking for confirmation.</summary>
    public string? OpenForm { get; private set; }
    public string? Refusal { get; private set; }

    public bool MayCurate => Member.Role is AllianceRole.Facilitator or AllianceRole.Steward;

    public string ThemeAddress(string theme) => $"/alliances/{AllianceId}/codebook/themes/{Uri.EscapeDataString(theme)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await LoadAsync(ct);
        ChangeId = Guid.CreateVersion7();
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(CancellationToken ct) => ChangeAsync("rename", new RenameTheme(ChangeId, Theme, NewName),
        RenameThemeUseCase.Validate, (c, recorded) => RenameThemeUseCase.Decide(c, AllianceId, Codebook, recorded),
        c => RenameThemeUseCase.RunAsync(c, Acting, store, dataSource, states, ct), ct);

    public Task<IActionResult> OnPostMergeAsync(CancellationToken ct) => ChangeAsync("merge", new MergeThemes(ChangeId, [Theme], NewName),
        MergeThemesUseCase.Validate, (c, recorded) => MergeThemesUseCase.Decide(c, AllianceId, Codebook, recorded),
        c => MergeThemesUseCase.RunAsync(c, Acting, store, dataSource, states, ct), ct);

    public async Task<IActionResult> OnPostDescribeAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        var outcome = await DescribeThemeUseCase.RunAsync(new DescribeTheme(Theme, Description ?? ""), Acting, store, dataSource, states, ct);
        return await AnswerAsync("describe", outcome, "described", ct);
    }

    /// <summary>
    /// A rename or merge: asked first (the same pure decision as the API's tells, with no write, whether it would be
    /// refused), then done once confirmed.
    /// </summary>
    private async Task<IActionResult> ChangeAsync<T>(string form, T command, Func<T, IReadOnlyDictionary<string, string[]>> validate,
        Func<T, IReadOnlyList<string>, Decision> decide, Func<T, Task<Outcome>> run, CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (!Confirmed)
        {
            var facts = await LoadAsync(ct);
            var trial = UseCase.Refusal(validate(command)) ?? decide(command, [.. facts.RecordedThemes]).Outcome;
            if (trial is not Outcome.Saved) return ShowRefusal(form, trial);
            OpenForm = form;
            var (theme, to) = (CodebookRules.Words(Theme), CodebookRules.Words(NewName));
            var entry = View.Themes.First(t => t.Name == theme);
            Asking = new CodebookQuestion(form, theme, to, entry.Observations, entry.Stories, entry.Ripples);
            return Page();
        }
        return await AnswerAsync(form, await run(command), form == "rename" ? "renamed" : "merged", ct);
    }

    private async Task<IActionResult> AnswerAsync(string form, Outcome outcome, string done, CancellationToken ct)
    {
        if (outcome.SavedId is not null) return LocalRedirect($"/alliances/{AllianceId}/codebook?done={done}");
        if (RefusalPage(outcome) is { } page) return page;
        await LoadAsync(ct);
        return ShowRefusal(form, outcome);
    }

    private IActionResult ShowRefusal(string form, Outcome outcome)
    {
        OpenForm = form;
        if (outcome is Outcome.Invalid invalid) ModelState.AddAll(invalid.Errors, field => FieldOf(form, field));
        else Refusal = Explain(outcome);
        Response.StatusCode = StatusOf(outcome);
        return Page();
    }

    /// <summary>The form field an API field error belongs beside (the form's ids start with its name).</summary>
    public static string FieldOf(string form, string apiField) => apiField.Split('[')[0] switch
    {
        "to" or "into" => $"{form}-name",
        "description" => $"{form}-text",
        _ => $"{form}-theme"
    };

    private async Task<CodebookFacts> LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        var viewer = new Viewer(Member.Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        (Codebook, var facts) = await ReadCodebook.ReadAsync(session, dataSource, states, viewer, ct);
        View = CodebookView.Build(Codebook, facts, viewer);
        return facts;
    }
}
