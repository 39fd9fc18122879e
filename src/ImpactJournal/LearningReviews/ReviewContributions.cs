using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.LearningReviews;

public sealed record AddReflection(Guid? Id, ReflectionKind? Kind, string? Text);

public static class AddReflectionEndpoint
{
    public static ProblemDetails Validate(AddReflection? command) => command is null
        ? Validation.MissingBody()
        : new Validation().NotEmpty("id", command.Id).Defined("kind", command.Kind)
            .Text("text", command.Text, LearningReviewConfiguration.Text).ToProblem();

    /// <summary>Add a reflection (noticed, surprised, unsure, question); any member may.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/reflections", OperationId = "addReflection")]
    [Authorize(Policy = AllianceAccess.Reflect)]
    public static (IResult, Events) Post(AddReflection command, Guid allianceId,
        [WriteAggregate("reviewId", LoadStyle = ConcurrencyStyle.Exclusive)] LearningReview review)
    {
        var added = new ReflectionAdded(command.Id ?? Guid.CreateVersion7(), command.Kind!.Value, command.Text!.Trim());
        var location = $"{ReviewAnswers.Location(allianceId, review.Id)}/reflections/{added.ReflectionId}";
        var earlier = review.Reflections.FirstOrDefault(r => r.Id == added.ReflectionId);
        if (earlier is not null) return (ResourceCreated.ForPart(true, earlier.Kind == added.Kind && earlier.Text == added.Text, location, added.ReflectionId), []);
        return review.Closed ? (ReviewAnswers.Closed, []) : (ResourceCreated.New(location, added.ReflectionId), [added]);
    }
}

public sealed record AgreeAdaptation(Guid? Id, string? Text, string? Owner);

public static class AgreeAdaptationEndpoint
{
    public static ProblemDetails Validate(AgreeAdaptation? command) => command is null
        ? Validation.MissingBody()
        : new Validation().NotEmpty("id", command.Id).Text("text", command.Text, LearningReviewConfiguration.Text)
            .Text("owner", command.Owner, LearningReviewConfiguration.Owner, required: false).ToProblem();

    /// <summary>Record an adaptation the alliance agreed, with its owner; any member may.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/adaptations", OperationId = "agreeAdaptation")]
    [Authorize(Policy = AllianceAccess.Reflect)]
    public static (IResult, Events) Post(AgreeAdaptation command, Guid allianceId,
        [WriteAggregate("reviewId", LoadStyle = ConcurrencyStyle.Exclusive)] LearningReview review)
    {
        var agreed = new AdaptationAgreed(command.Id ?? Guid.CreateVersion7(), command.Text!.Trim(),
            string.IsNullOrWhiteSpace(command.Owner) ? null : command.Owner.Trim());
        var location = $"{ReviewAnswers.Location(allianceId, review.Id)}/adaptations/{agreed.AdaptationId}";
        var earlier = review.Adaptations.FirstOrDefault(a => a.Id == agreed.AdaptationId);
        if (earlier is not null) return (ResourceCreated.ForPart(true, earlier.Text == agreed.Text && earlier.Owner == agreed.Owner, location, agreed.AdaptationId), []);
        return review.Closed ? (ReviewAnswers.Closed, []) : (ResourceCreated.New(location, agreed.AdaptationId), [agreed]);
    }
}

public sealed record RecordProgress(Guid? Id, AdaptationStatus? Status, string? Note);

public static class RecordProgressEndpoint
{
    public static ProblemDetails Validate(RecordProgress? command) => command is null
        ? Validation.MissingBody()
        : new Validation().NotEmpty("id", command.Id).Defined("status", command.Status)
            .Text("note", command.Note, LearningReviewConfiguration.Text, required: false).ToProblem();

    /// <summary>Record progress on an adaptation (not-started, trying, embedded, dropped); allowed after the review closed.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/adaptations/{adaptationId:guid}/progress", OperationId = "recordAdaptationProgress")]
    [Authorize(Policy = AllianceAccess.Reflect)]
    public static (IResult, Events) Post(RecordProgress command, Guid allianceId, Guid adaptationId,
        [WriteAggregate("reviewId", LoadStyle = ConcurrencyStyle.Exclusive)] LearningReview review)
    {
        if (review.Adaptations.FirstOrDefault(a => a.Id == adaptationId) is not { } adaptation)
            return (ReviewAnswers.NotFound("No adaptation with this id in this review."), []);
        var progressed = new AdaptationProgressed(adaptationId, command.Id ?? Guid.CreateVersion7(), command.Status!.Value,
            string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim());
        var location = $"{ReviewAnswers.Location(allianceId, review.Id)}/adaptations/{adaptationId}";
        var earlier = adaptation.Progress.FirstOrDefault(p => p.Id == progressed.ProgressId);
        if (earlier is not null)
            return (ResourceCreated.ForPart(true, earlier.Status == progressed.Status && earlier.Note == progressed.Note, location, progressed.ProgressId), []);
        return (ResourceCreated.New(location, progressed.ProgressId), [progressed]);
    }
}

public sealed record CloseLearningReview(string? Summary);

public static class CloseLearningReviewEndpoint
{
    public static ProblemDetails Validate(CloseLearningReview? command) => command is null
        ? Validation.MissingBody()
        : new Validation().Text("summary", command.Summary, LearningReviewConfiguration.Summary, required: false).ToProblem();

    /// <summary>Close the review (facilitators and stewards); afterwards it is read-only except for adaptation progress.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/close", OperationId = "closeLearningReview")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static (IResult, Events) Post(CloseLearningReview command,
        [WriteAggregate("reviewId", LoadStyle = ConcurrencyStyle.Exclusive)] LearningReview review)
    {
        var summary = string.IsNullOrWhiteSpace(command.Summary) ? null : command.Summary.Trim();
        var answer = Results.Ok(new { review.Id, status = "closed" });
        if (!review.Closed) return (answer, [new LearningReviewClosed(summary)]);
        return review.Summary == summary ? (answer, []) : (ReviewAnswers.Closed, []);
    }
}
