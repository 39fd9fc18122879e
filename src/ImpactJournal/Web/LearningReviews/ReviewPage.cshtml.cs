using ImpactJournal.Access;
using ImpactJournal.LearningReviews;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// One learning review: its questions; anyone adds reflections and agreed adaptations (with owners) while it
/// is open, and progress on adaptations at any time; facilitators and stewards close it. Every change is
/// the API's own decision, appended to the review's stream one writer at a time, as the API does.
/// </summary>
public sealed class ReviewPageModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
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
    [BindProperty] public string? Summary { get; set; }

    public LearningReview Review { get; private set; } = null!;
    public string? Refusal { get; private set; }

    public bool Facilitates => Member.Role is AllianceRole.Facilitator or AllianceRole.Steward;

    public static readonly IReadOnlyList<(ReflectionKind Kind, string Words)> Kinds =
    [
        (ReflectionKind.Noticed, "Something we noticed"),
        (ReflectionKind.Surprised, "Something that surprised us"),
        (ReflectionKind.Unsure, "Something we are unsure about"),
        (ReflectionKind.Question, "A question to explore"),
    ];

    public static IReadOnlyList<(AdaptationStatus Status, string Words)> Statuses => ReviewSummaryText.Statuses;

    public static string Words(AdaptationStatus status) => ReviewSummaryText.Words(status);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        return await ShowAsync(StatusCodes.Status200OK, ct);
    }

    public Task<IActionResult> OnPostReflectAsync(CancellationToken ct) => ChangeAsync([], "reflected", review =>
    {
        var command = new AddReflection(Id(), Kind, Reflection);
        return AddReflectionEndpoint.Validate(command) is HttpValidationProblemDetails invalid
            ? Problems(invalid, field => field == "kind" ? nameof(Kind) : nameof(Reflection), "Choose what kind of reflection it is.", "Write the reflection.")
            : AddReflectionEndpoint.Post(command, AllianceId, review);
    }, ct);

    public Task<IActionResult> OnPostAdaptAsync(CancellationToken ct) => ChangeAsync([], "agreed", review =>
    {
        var command = new AgreeAdaptation(Id(), Adaptation, Owner);
        return AgreeAdaptationEndpoint.Validate(command) is HttpValidationProblemDetails invalid
            ? Problems(invalid, field => field == "owner" ? nameof(Owner) : nameof(Adaptation), "", "Say what the alliance agreed to change.")
            : AgreeAdaptationEndpoint.Post(command, AllianceId, review);
    }, ct);

    public Task<IActionResult> OnPostProgressAsync(Guid adaptationId, CancellationToken ct) => ChangeAsync([], "progressed", review =>
    {
        var command = new RecordProgress(Id(), Status, Note);
        return RecordProgressEndpoint.Validate(command) is HttpValidationProblemDetails invalid
            ? Problems(invalid, field => field == "status" ? $"Status-{adaptationId}" : $"Note-{adaptationId}", "Choose how it is going.", "")
            : RecordProgressEndpoint.Post(command, AllianceId, adaptationId, review);
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ChangeAsync([AllianceRole.Facilitator, AllianceRole.Steward], "closed", review =>
    {
        var command = new CloseLearningReview(Summary);
        return CloseLearningReviewEndpoint.Validate(command) is HttpValidationProblemDetails invalid
            ? Problems(invalid, _ => nameof(Summary), "", "")
            : CloseLearningReviewEndpoint.Post(command, review);
    }, ct);

    private Guid Id() => NewId == Guid.Empty ? Guid.CreateVersion7() : NewId;

    private (IResult?, Wolverine.Marten.Events) Problems(HttpValidationProblemDetails invalid, Func<string, string> fieldOf, string chooseWords, string writeWords)
    {
        ModelState.AddAll(invalid.Errors, fieldOf, (field, message) => !message.StartsWith("Required", StringComparison.Ordinal) && !message.StartsWith("One of", StringComparison.Ordinal)
            ? message
            : field is "kind" or "status" ? chooseWords : writeWords);
        return (null, []);
    }

    private async Task<IActionResult> ChangeAsync(AllianceRole[] roles, string done, Func<LearningReview, (IResult? Answer, Wolverine.Marten.Events Events)> decide, CancellationToken ct)
    {
        if (await EnterAsync(roles) is { } refused) return refused;
        var (outcome, answer) = await ApplyToStreamAsync(store, ReviewId, oneWriterAtATime: true, decide, ct);
        if (outcome == Applied.Refused) Refusal = Explain(answer!);
        return outcome switch
        {
            Applied.Missing => Refused(StatusCodes.Status404NotFound, "Not found", "There is no learning review here."),
            Applied.Invalid => await ShowAsync(StatusCodes.Status400BadRequest, ct),
            Applied.Refused => await ShowAsync(StatusOf(answer), ct),
            _ => LocalRedirect($"/alliances/{AllianceId}/reviews/{ReviewId}?done={done}")
        };
    }

    private async Task<IActionResult> ShowAsync(int status, CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        if (await session.LoadAsync<LearningReview>(ReviewId, ct) is not { } review)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no learning review here.");
        Review = review;
        if (status == StatusCodes.Status200OK || NewId == Guid.Empty) NewId = Guid.CreateVersion7();
        Response.StatusCode = status;
        return Page();
    }
}
