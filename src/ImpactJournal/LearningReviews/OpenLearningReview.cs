using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.LearningReviews;

public sealed record OpenLearningReview(Guid? Id, string? Title, DateOnly? PeriodStart, DateOnly? PeriodEnd, IReadOnlyList<string?>? Questions);

public static class OpenLearningReviewEndpoint
{
    public static ProblemDetails Validate(OpenLearningReview? command)
    {
        if (command is null) return Validation.MissingBody();
        return new Validation()
            .NotEmpty("id", command.Id)
            .Text("title", command.Title, LearningReviewConfiguration.Title)
            .Period(command.PeriodStart, command.PeriodEnd)
            .TextList("questions", command.Questions, LearningReviewConfiguration.MaxQuestions, LearningReviewConfiguration.Question)
            .ToProblem();
    }

    /// <summary>Open a learning review for a period, with its guiding questions (facilitators and stewards).</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews", OperationId = "openLearningReview")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static Task<IResult> Post(OpenLearningReview command, Guid allianceId, HttpContext http,
        StreamStarter starter, IDocumentStore store, CancellationToken ct) =>
        StartAsync(command, allianceId, ActingSubject.Of(http.User), starter, store, ct);

    /// <summary>The decision, shared with the web app's form: the review, opened once under its id.</summary>
    public static Task<IResult> StartAsync(OpenLearningReview command, Guid allianceId, string? subject,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var opened = new LearningReviewOpened(command.Id ?? Guid.CreateVersion7(), command.Title!.Trim(), command.PeriodStart!.Value,
            command.PeriodEnd!.Value, [.. (command.Questions ?? []).Select(q => q!.Trim())]);
        return IdempotentCreate.StartStreamAsync<LearningReview, LearningReviewOpened>(starter, store, allianceId, opened.ReviewId, opened,
            subject, (a, b) => a.SameAs(b), ReviewAnswers.Location(allianceId, opened.ReviewId), ct);
    }
}

public static class ReviewAnswers
{
    public static string Location(Guid allianceId, Guid reviewId) => $"/api/alliances/{allianceId}/learning-reviews/{reviewId}";

    public static IResult Closed => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Review closed",
        detail: "This learning review is closed and takes no more reflections or adaptations; progress on its adaptations may still be recorded.");

    public static IResult NotFound(string what) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);
}
