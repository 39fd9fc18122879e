using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.LearningReviews;

public sealed record OpenLearningReview(Guid? Id, string? Title, DateOnly? PeriodStart, DateOnly? PeriodEnd, IReadOnlyList<string?>? Questions);

/// <summary>Opening a learning review: the one implementation behind the API's endpoint and the web app's "Open a learning review".</summary>
public static class OpenLearningReviewUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(OpenLearningReview? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("title", command.Title, LearningReviewConfiguration.Title)
            .Period(command.PeriodStart, command.PeriodEnd)
            .TextList("questions", command.Questions, LearningReviewConfiguration.MaxQuestions, LearningReviewConfiguration.Question)
            .ToErrors();

    /// <summary>The event a valid command records.</summary>
    public static LearningReviewOpened Decide(OpenLearningReview command) => new(command.Id ?? Guid.CreateVersion7(), command.Title!.Trim(),
        command.PeriodStart!.Value, command.PeriodEnd!.Value, [.. (command.Questions ?? []).Select(q => q!.Trim())]);

    /// <summary>Opens the review once under its id: a retry with the same id and body records nothing.</summary>
    public static Task<Outcome> RunAsync(OpenLearningReview? command, ActingMember acting, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) => UseCase.TracedAsync(nameof(OpenLearningReview), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var opened = Decide(command!);
        return await UseCase.StartStreamAsync<LearningReview, LearningReviewOpened>(starter, store, acting, opened.ReviewId, opened,
            (a, b) => a.SameAs(b), ReviewAnswers.Location(acting.AllianceId, opened.ReviewId), ct);
    });
}

public static class OpenLearningReviewEndpoint
{
    /// <summary>Open a learning review for a period, with its guiding questions (facilitators and stewards).</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews", OperationId = "openLearningReview")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(OpenLearningReview command, HttpContext http, StreamStarter starter, IDocumentStore store,
        CancellationToken ct) =>
        (await OpenLearningReviewUseCase.RunAsync(command, ActingMember.Of(http), starter, store, ct)).ToHttp();
}

/// <summary>What the review's use cases answer with, beyond the shared outcomes.</summary>
public static class ReviewAnswers
{
    public static string Location(Guid allianceId, Guid reviewId) => $"/api/alliances/{allianceId}/learning-reviews/{reviewId}";

    public const string NoSuchReview = "No learning review with this id in this alliance.";

    public static Outcome Closed => new Outcome.Conflict("Review closed",
        "This learning review is closed and takes no more reflections or adaptations; progress on its adaptations may still be recorded.");

    /// <summary>
    /// A new part of an open review (a reflection, an adaptation) under an id the client may have chosen:
    /// <paramref name="sameAsEarlier"/> is null when the id is new, else whether the part under it says the same.
    /// </summary>
    public static Decision NewPart(LearningReview review, bool? sameAsEarlier, Guid id, string location, object added) =>
        sameAsEarlier is { } same ? Again(same, id, location) : review.Closed ? Closed : Decision.Append(Outcome.Created(id, location), added);

    /// <summary>A part of the review (reflection, adaptation, progress note) sent again under an id it already has.</summary>
    public static Outcome Again(bool sameAsBefore, Guid id, string location) =>
        sameAsBefore ? Outcome.Retried(id, location) : Outcome.IdTakenByDifferentBody(id);

    /// <summary>The API's read endpoints' answer when a review is not there.</summary>
    public static IResult NotFound(string what) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);
}
