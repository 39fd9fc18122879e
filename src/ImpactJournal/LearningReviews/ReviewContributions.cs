using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.LearningReviews;

/// <summary>How every change to an open (or closed) review is made: validated, then decided against the review as it is.</summary>
public static class LearningReviewStream
{
    /// <summary>
    /// One writer at a time: the review's stream is taken exclusively, so two people adding at the same moment queue
    /// rather than one of them being refused.
    /// </summary>
    public static Task<Outcome> ChangeAsync(string useCase, IReadOnlyDictionary<string, string[]> errors, Guid reviewId, ActingMember acting,
        IDocumentStore store, Func<LearningReview, Decision> decide, CancellationToken ct) => UseCase.TracedAsync(useCase, acting, async () =>
            UseCase.Refusal(errors) ?? await UseCase.ChangeStreamAsync(store, acting, reviewId, oneWriterAtATime: true, ReviewAnswers.NoSuchReview, decide, ct));
}

public sealed record AddReflection(Guid? Id, ReflectionKind? Kind, string? Text);

/// <summary>Adding a reflection to a review: behind the API's endpoint and the review page's "Add a reflection".</summary>
public static class AddReflectionUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AddReflection? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().NotEmpty("id", command.Id).Defined("kind", command.Kind)
            .Text("text", command.Text, LearningReviewConfiguration.Text).ToErrors();

    /// <summary>The reflection with its writer's role, unless the review is closed; the same id again is a retry.</summary>
    public static Decision Decide(AddReflection command, LearningReview review, Guid allianceId, AllianceRole byRole)
    {
        var added = new ReflectionAdded(command.Id ?? Guid.CreateVersion7(), command.Kind!.Value, command.Text!.Trim(), byRole);
        var earlier = review.Reflections.FirstOrDefault(r => r.Id == added.ReflectionId);
        return ReviewAnswers.NewPart(review, earlier is null ? null : earlier.Kind == added.Kind && earlier.Text == added.Text,
            added.ReflectionId, $"{ReviewAnswers.Location(allianceId, review.Id)}/reflections/{added.ReflectionId}", added);
    }

    public static Task<Outcome> RunAsync(AddReflection? command, Guid reviewId, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        LearningReviewStream.ChangeAsync(nameof(AddReflection), Validate(command), reviewId, acting, store,
            review => Decide(command!, review, acting.AllianceId, acting.Member.Role), ct);
}

public static class AddReflectionEndpoint
{
    /// <summary>Add a reflection (noticed, surprised, unsure, question); any member may.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/reflections", OperationId = "addReflection")]
    [Authorize(Policy = AllianceAccess.Reflect)]
    public static async Task<IResult> Post(AddReflection command, Guid reviewId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await AddReflectionUseCase.RunAsync(command, reviewId, ActingMember.Of(http), store, ct)).ToHttp();
}

public sealed record AgreeAdaptation(Guid? Id, string? Text, string? Owner);

/// <summary>Recording an adaptation the alliance agreed: behind the API's endpoint and the review page's form.</summary>
public static class AgreeAdaptationUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AgreeAdaptation? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().NotEmpty("id", command.Id).Text("text", command.Text, LearningReviewConfiguration.Text)
            .Text("owner", command.Owner, LearningReviewConfiguration.Owner, required: false).ToErrors();

    /// <summary>The adaptation with its recorder's role, unless the review is closed; the same id again is a retry.</summary>
    public static Decision Decide(AgreeAdaptation command, LearningReview review, Guid allianceId, AllianceRole byRole)
    {
        var agreed = new AdaptationAgreed(command.Id ?? Guid.CreateVersion7(), command.Text!.Trim(),
            string.IsNullOrWhiteSpace(command.Owner) ? null : command.Owner.Trim(), byRole);
        var earlier = review.Adaptations.FirstOrDefault(a => a.Id == agreed.AdaptationId);
        return ReviewAnswers.NewPart(review, earlier is null ? null : earlier.Text == agreed.Text && earlier.Owner == agreed.Owner,
            agreed.AdaptationId, $"{ReviewAnswers.Location(allianceId, review.Id)}/adaptations/{agreed.AdaptationId}", agreed);
    }

    public static Task<Outcome> RunAsync(AgreeAdaptation? command, Guid reviewId, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        LearningReviewStream.ChangeAsync(nameof(AgreeAdaptation), Validate(command), reviewId, acting, store,
            review => Decide(command!, review, acting.AllianceId, acting.Member.Role), ct);
}

public static class AgreeAdaptationEndpoint
{
    /// <summary>Record an adaptation the alliance agreed, with its owner; any member may.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/adaptations", OperationId = "agreeAdaptation")]
    [Authorize(Policy = AllianceAccess.Reflect)]
    public static async Task<IResult> Post(AgreeAdaptation command, Guid reviewId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await AgreeAdaptationUseCase.RunAsync(command, reviewId, ActingMember.Of(http), store, ct)).ToHttp();
}

/// <param name="Id">the progress note's id (optional; sending it again with the same body is a safe retry)</param>
/// <param name="Status">how the adaptation is going</param>
/// <param name="Note">a few words on it (optional)</param>
/// <param name="ExpectedVersion">
/// optional: how many progress notes the adaptation had when you read it (its <c>progress</c> list's length). If
/// someone has recorded progress on it since, the note is refused with 409 and the problem's <c>currentVersion</c>
/// says how many it has now. Left out, the note is recorded whatever came before it.
/// </param>
public sealed record RecordProgress(Guid? Id, AdaptationStatus? Status, string? Note, long? ExpectedVersion = null);

/// <summary>Recording progress on an adaptation (also after the review closed): behind the API's endpoint and the review page's form.</summary>
public static class RecordProgressUseCase
{
    private const string What = "This adaptation's progress";

    public static IReadOnlyDictionary<string, string[]> Validate(RecordProgress? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation().NotEmpty("id", command.Id).Defined("status", command.Status)
            .Text("note", command.Note, LearningReviewConfiguration.Text, required: false);
        if (command.ExpectedVersion < 0) validation.Add("expectedVersion", "The number of progress notes you read: 0 or more.");
        return validation.ToErrors();
    }

    /// <summary>
    /// The progress note, unless the adaptation is not in this review, or the form showed fewer (or more) progress notes
    /// than it has now. The adaptation's own progress is its version: a reflection or another adaptation does not make a
    /// form stale. The same id again is a retry, whatever the version.
    /// </summary>
    public static Decision Decide(RecordProgress command, Guid adaptationId, LearningReview review, Guid allianceId)
    {
        if (review.Adaptations.FirstOrDefault(a => a.Id == adaptationId) is not { } adaptation)
            return new Outcome.NotFound("No adaptation with this id in this review.");
        var progressed = new AdaptationProgressed(adaptationId, command.Id ?? Guid.CreateVersion7(), command.Status!.Value,
            string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim());
        var location = $"{ReviewAnswers.Location(allianceId, review.Id)}/adaptations/{adaptationId}";
        if (adaptation.Progress.FirstOrDefault(p => p.Id == progressed.ProgressId) is { } earlier)
            return ReviewAnswers.Again(earlier.Status == progressed.Status && earlier.Note == progressed.Note, progressed.ProgressId, location);
        if (command.ExpectedVersion is { } expected && expected != adaptation.Progress.Count)
            return Outcome.Stale(What, adaptation.Progress.Count, adaptation);
        return Decision.Append(Outcome.Created(progressed.ProgressId, location), progressed);
    }

    public static Task<Outcome> RunAsync(RecordProgress? command, Guid reviewId, Guid adaptationId, ActingMember acting, IDocumentStore store,
        CancellationToken ct) => LearningReviewStream.ChangeAsync(nameof(RecordProgress), Validate(command), reviewId, acting, store,
            review => Decide(command!, adaptationId, review, acting.AllianceId), ct);
}

public static class RecordProgressEndpoint
{
    /// <summary>
    /// Record progress on an adaptation (not-started, trying, embedded, dropped); allowed after the review closed. With
    /// `expectedVersion` (the number of progress notes the adaptation had when you read it), a note written against an
    /// older picture is refused with 409 and the problem's `currentVersion`.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/adaptations/{adaptationId:guid}/progress", OperationId = "recordAdaptationProgress",
        Summary = "Record progress on an adaptation; with expectedVersion, refused (409) if someone recorded progress on it since")]
    [Authorize(Policy = AllianceAccess.Reflect)]
    public static async Task<IResult> Post(RecordProgress command, Guid reviewId, Guid adaptationId, HttpContext http, IDocumentStore store,
        CancellationToken ct) =>
        (await RecordProgressUseCase.RunAsync(command, reviewId, adaptationId, ActingMember.Of(http), store, ct)).ToHttp();
}

public sealed record CloseLearningReview(string? Summary);

/// <summary>Closing a review (facilitators and stewards): behind the API's endpoint and the review page's "Close the review".</summary>
public static class CloseLearningReviewUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(CloseLearningReview? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().Text("summary", command.Summary, LearningReviewConfiguration.Summary, required: false).ToErrors();

    /// <summary>Closes an open review; closing it again with the same summary changes nothing, with another is refused.</summary>
    public static Decision Decide(CloseLearningReview command, LearningReview review, Guid allianceId)
    {
        var summary = string.IsNullOrWhiteSpace(command.Summary) ? null : command.Summary.Trim();
        var closed = Outcome.Changed(review.Id, ReviewAnswers.Location(allianceId, review.Id), new { review.Id, status = "closed" });
        if (!review.Closed) return Decision.Append(closed, new LearningReviewClosed(summary));
        return review.Summary == summary ? closed : ReviewAnswers.Closed;
    }

    public static Task<Outcome> RunAsync(CloseLearningReview? command, Guid reviewId, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        LearningReviewStream.ChangeAsync(nameof(CloseLearningReview), Validate(command), reviewId, acting, store,
            review => Decide(command!, review, acting.AllianceId), ct);
}

public static class CloseLearningReviewEndpoint
{
    /// <summary>Close the review (facilitators and stewards); afterwards it is read-only except for adaptation progress.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/close", OperationId = "closeLearningReview")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(CloseLearningReview command, Guid reviewId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await CloseLearningReviewUseCase.RunAsync(command, reviewId, ActingMember.Of(http), store, ct)).ToHttp();
}
