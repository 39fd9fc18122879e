using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// One learning review: its questions; anyone adds reflections and agreed adaptations (with owners) while it
/// is open, and progress on adaptations at any time; facilitators and stewards close it. Every change is
/// the API's own use case. A progress form carries how many progress notes it showed, so a note written against an
/// older picture is refused (409) with the latest progress shown beside what the person chose and wrote.
/// Beside the reflections, what the period holds (<see cref="ReviewEvidence"/>), as the reader may see it.
/// </summary>
public sealed class ReviewPageModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, RippleMapStates states,
    TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute] public Guid ReviewId { get; set; }
    [FromQuery] public string? Done { get; set; }

    [BindProperty] public Guid NewId { get; set; }
    [BindProperty] public ReflectionKind? Kind { get; set; }
    [BindProperty] public string? Reflection { get; set; }
    [BindProperty] public string? Adaptation { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public AdaptationStatus? Status { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public long? ExpectedVersion { get; set; }
    [BindProperty] public string? Summary { get; set; }

    public LearningReview Review { get; private set; } = null!;
    public ReviewEvidence Evidence { get; private set; } = null!;
    public string? Refusal { get; private set; }

    /// <summary>The adaptation whose progress form was sent: its form keeps what the person chose and wrote.</summary>
    public Guid? ProgressOn { get; private set; }

    /// <summary>Someone recorded progress on that adaptation after this person's page showed it.</summary>
    public bool ProgressChanged { get; private set; }

    public bool Facilitates => Member.Role is AllianceRole.Facilitator or AllianceRole.Steward;

    public DateOnly Today => Web.Words.Today(clock);

    /// <summary>What closing now would cut short, said plainly before anyone confirms it.</summary>
    public static IEnumerable<string> ClosingWarnings(LearningReview review, DateOnly today)
    {
        if (today <= review.PeriodEnd)
            yield return $"Its period has not ended yet: it runs until {Charts.Day(review.PeriodEnd)}. Once it is closed, nobody can reflect on what happens before then.";
        if (review.Reflections.Count == 0)
            yield return "Nobody has added a reflection yet: closed now, it will have none.";
    }

    public static readonly IReadOnlyList<(ReflectionKind Kind, string Words)> Kinds =
    [
        (ReflectionKind.Noticed, "Something we noticed"),
        (ReflectionKind.Surprised, "Something that surprised us"),
        (ReflectionKind.Unsure, "Something we are unsure about"),
        (ReflectionKind.Question, "A question to explore"),
    ];

    public static IReadOnlyList<(AdaptationStatus Status, string Words)> Statuses => ReviewSummaryText.Statuses;

    public static string Words(AdaptationStatus status) => ReviewSummaryText.Words(status);

    /// <summary>A count with its noun in the reader's words: "1 story", "12 stories", "fewer than 5 stories".</summary>
    public static string Counted(object count, string one, string? many = null) => count switch
    {
        int n => Web.Words.Count(n, one, many),
        SmallNumbers.Withheld => $"a number of {many ?? one + "s"} (withheld)",
        _ => $"{Charts.Shown(count)} {many ?? one + "s"}"
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        return await ShowAsync(StatusCodes.Status200OK, ct);
    }

    public Task<IActionResult> OnPostReflectAsync(CancellationToken ct) => ChangeAsync([], "reflected",
        () => AddReflectionUseCase.RunAsync(new AddReflection(Id(), Kind, Reflection), ReviewId, Acting, store, ct),
        field => field == "kind" ? nameof(Kind) : nameof(Reflection), "Choose what kind of reflection it is.", "Write the reflection.", ct);

    public Task<IActionResult> OnPostAdaptAsync(CancellationToken ct) => ChangeAsync([], "agreed",
        () => AgreeAdaptationUseCase.RunAsync(new AgreeAdaptation(Id(), Adaptation, Owner), ReviewId, Acting, store, ct),
        field => field == "owner" ? nameof(Owner) : nameof(Adaptation), "", "Say what the alliance agreed to change.", ct);

    public Task<IActionResult> OnPostProgressAsync(Guid adaptationId, CancellationToken ct)
    {
        ProgressOn = adaptationId;
        return ChangeAsync([], "progressed",
            () => RecordProgressUseCase.RunAsync(new RecordProgress(Id(), Status, Note, ExpectedVersion), ReviewId, adaptationId, Acting, store, ct),
            field => field == "status" ? $"Status-{adaptationId}" : $"Note-{adaptationId}", "Choose how it is going.", "", ct);
    }

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ChangeAsync([AllianceRole.Facilitator, AllianceRole.Steward], "closed",
        () => CloseLearningReviewUseCase.RunAsync(new CloseLearningReview(Summary), ReviewId, Acting, store, ct),
        _ => nameof(Summary), "", "", ct);

    private Guid Id() => NewId == Guid.Empty ? Guid.CreateVersion7() : NewId;

    /// <summary>
    /// Runs one of the review's use cases and shows what became of it: the review again with a confirmation, the form
    /// with its field errors (what is missing in the form's words), or the refusal in the words the use case gave.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(AllianceRole[] roles, string done, Func<Task<Outcome>> run, Func<string, string> fieldOf,
        string chooseWords, string writeWords, CancellationToken ct)
    {
        if (await EnterAsync(roles) is { } refused) return refused;
        var outcome = await run();
        switch (outcome)
        {
            case { SavedId: not null }:
                return LocalRedirect($"/alliances/{AllianceId}/reviews/{ReviewId}?done={done}");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, fieldOf, (field, message) =>
                    !message.StartsWith("Required", StringComparison.Ordinal) && !message.StartsWith("One of", StringComparison.Ordinal) ? message
                    : field is "kind" or "status" ? chooseWords : writeWords);
                return await ShowAsync(StatusCodes.Status400BadRequest, ct);
            case Outcome.Conflict { CurrentVersion: not null }:
                ProgressChanged = true;
                return await ShowAsync(StatusCodes.Status409Conflict, ct);
            default:
                Refusal = Explain(outcome);
                return await ShowAsync(StatusOf(outcome), ct);
        }
    }

    private async Task<IActionResult> ShowAsync(int status, CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        if (await session.LoadAsync<LearningReview>(ReviewId, ct) is not { } review)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no learning review here.");
        Review = review;
        Evidence = await ReviewEvidence.ReadAsync(session, dataSource, states, review, Alliance, ReviewFacts.ViewerOf(HttpContext, clock), ct);
        if (status == StatusCodes.Status200OK || NewId == Guid.Empty) NewId = Guid.CreateVersion7();
        Response.StatusCode = status;
        return Page();
    }
}
