using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.LearningReviews;

public static class ReadLearningReviewsEndpoint
{
    /// <summary>The alliance's learning reviews, latest period first.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/learning-reviews", OperationId = "listLearningReviews")]
    [ProducesResponseType<Page<LearningReview>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(int? limit, string? cursor, IQuerySession session, CancellationToken ct)
    {
        var (page, problem) = PageRequest.From(limit, cursor);
        if (problem is not null) return problem;
        var rows = await session.Query<LearningReview>().OrderByDescending(r => r.PeriodEnd).ThenBy(r => r.Id)
            .Skip(page!.Offset).Take(page.Limit + 1).ToListAsync(ct);
        return Results.Ok(page.SliceFetched(rows));
    }

    /// <summary>One learning review with its questions, reflections, adaptations and their progress.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}", OperationId = "getLearningReview")]
    [ProducesResponseType<LearningReview>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid reviewId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<LearningReview>(reviewId, ct) is { } review ? Results.Ok(review) : ReviewAnswers.NotFound("No learning review with this id in this alliance.");

    /// <summary>
    /// The review's summary for its period: activity by partner and theme (retracted observations
    /// excluded), ripples added and re-coded by order and capital, unintended ripples, indicator
    /// movements (the first and last readings within the period; the direction over the current definition's
    /// readings up to the period's end, with <c>directionWords</c> saying it as every page does), stories selected
    /// as significant (titles only where the teller's consent reaches the reader), reflections, adaptations and
    /// follow-through on the previous review's adaptations. <c>?format=markdown</c> gives text/markdown and
    /// <c>?format=html</c> a printable page, both in sentences with British dates, headed by the alliance, the
    /// period and the day they were made. In
    /// commissioner views counts below 5 that include identifiable observations read "&lt;5".
    /// With <c>?asOf=</c>, the summary as it stood then: the reviews, ripples, readings, selections
    /// and observations recorded (and retractions made) by that moment; observations are counted with
    /// their current themes, and content erased on consent withdrawal never comes back.
    /// Its check-in part (<c>relationships.imperatives</c>) uses closed rounds only, with their final
    /// answers: with <c>?asOf=</c> a round counts once it had closed, and answers are never replayed.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/learning-reviews/{reviewId:guid}/summary", OperationId = "learningReviewSummary")]
    [ProducesResponseType<ReviewSummary>(StatusCodes.Status200OK)]
    public static async Task<IResult> Summary(Guid reviewId, string? format, DateTimeOffset? asOf, HttpContext http, IQuerySession session,
        RippleMaps.RippleMapStates states, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        asOf = asOf?.ToUniversalTime();
        var chosen = format is null ? SummaryFormat.Json : Vocabulary.Parse<SummaryFormat>(format);
        if (chosen is null) return Results.Problem(new Validation().Add("format", $"One of {Vocabulary.ListOf<SummaryFormat>()}.").ToProblem());
        if (await session.LoadAsync<LearningReview>(reviewId, ct) is not { } review)
            return ReviewAnswers.NotFound("No learning review with this id in this alliance.");
        if (asOf is not null)
        {
            var then = await session.Events.AggregateStreamAsync<LearningReview>(reviewId, timestamp: asOf, token: ct);
            if (then is null) return ReviewAnswers.NotFound("This learning review had not been opened at that moment.");
            review = then;
        }

        var alliance = CurrentMember.AllianceOf(http);
        var viewer = ReviewFacts.ViewerOf(http, clock);
        var summary = await ReviewFacts.SummaryAsync(session, dataSource, states, review, alliance, viewer, asOf, ct);
        return chosen switch
        {
            SummaryFormat.Markdown => Results.Text(ReviewSummaryText.Markdown(summary, alliance.Name, viewer.Today), "text/markdown; charset=utf-8"),
            SummaryFormat.Html => Results.Text(ReviewSummaryText.Html(summary, alliance.Name, viewer.Today), "text/html; charset=utf-8"),
            _ => Results.Ok(summary)
        };
    }
}
