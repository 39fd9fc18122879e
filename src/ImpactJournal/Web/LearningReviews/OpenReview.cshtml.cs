using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.LearningReviews;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// Open a learning review for a period with its guiding questions (facilitators and stewards). A new review's period starts
/// where the latest one ended: the form suggests the day after its end (the API takes the period as given).
/// </summary>
public sealed class OpenReviewModel(AllianceDirectory directory, IDocumentStore store, StreamStarter starter) : AlliancePage(directory)
{
    [FromQuery] public Guid? Draft { get; set; }
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? PeriodStart { get; set; }
    [BindProperty] public string? PeriodEnd { get; set; }
    [BindProperty] public string? Questions { get; set; }

    public bool AlreadySavedDifferently { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (RedirectToNewDraft(Draft) is { } redirect) return redirect;
        var draft = Draft!.Value;
        Id = draft;
        Questions = "What did we notice?\nWhat surprised us?\nWhat will we adapt?";
        await using var session = store.QuerySession(AllianceId.ToString());
        var latest = await session.Query<LearningReview>().OrderByDescending(r => r.PeriodEnd).FirstOrDefaultAsync(ct);
        PeriodStart = latest?.PeriodEnd.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (Id == Guid.Empty) Id = Guid.CreateVersion7();
        var (start, end) = (FormValues.Date(PeriodStart), FormValues.Date(PeriodEnd));
        if (!string.IsNullOrWhiteSpace(PeriodStart) && start is null) ModelState.AddModelError(nameof(PeriodStart), "A date, like 01/04/2025.");
        if (!string.IsNullOrWhiteSpace(PeriodEnd) && end is null) ModelState.AddModelError(nameof(PeriodEnd), "A date, like 30/06/2025.");
        var questions = (Questions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = new OpenLearningReview(Id, Title, start, end, questions);

        var outcome = await OpenLearningReviewUseCase.RunAsync(command, Acting, starter, store, ct);
        switch (outcome)
        {
            case { SavedId: { } saved }:
                return LocalRedirect($"/alliances/{AllianceId}/reviews/{saved}?done=opened");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, FieldOf, PlainWords);
                return Invalid();
            case Outcome.Conflict:
                AlreadySavedDifferently = true;
                return Page();
            default:
                return RefusalPage(outcome)!;
        }
    }

    private static string FieldOf(string field) => field.StartsWith("questions", StringComparison.Ordinal) ? nameof(Questions) : char.ToUpperInvariant(field[0]) + field[1..];

    private static string PlainWords(string field, string message) => message.StartsWith("Required", StringComparison.Ordinal) ? field switch
    {
        "title" => "Give the review a title, like \"Learning review — spring 2025\".",
        "periodStart" => "Say when the period it looks back on starts.",
        _ => "Say when the period it looks back on ends."
    } : message.Replace("periodStart", "the start");
}
