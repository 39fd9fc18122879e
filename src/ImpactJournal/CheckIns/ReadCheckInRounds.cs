using ImpactJournal.Access;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.CheckIns;

public sealed record CheckInRoundItem(Guid Id, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, string Status, int Respondents, bool Answered);

public sealed record ImperativeRound(Guid CheckInId, string Title, DateOnly PeriodEnd, int Answered, double? Median);

/// <summary>One commitment across the closed rounds; <c>directionWords</c> says the direction as every page and summary words it.</summary>
public sealed record ImperativeTrend(Guid ImperativeId, string Text, IReadOnlyList<ImperativeRound> Rounds, TrendDirection Direction, string Method,
    string DirectionWords);

public static class ReadCheckInRoundsEndpoint
{
    /// <summary>The alliance's check-in rounds, latest period first, with how many answered and whether you have.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/check-ins", OperationId = "listCheckInRounds")]
    [ProducesResponseType<IReadOnlyList<CheckInRoundItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var subject = ActingSubject.Of(http.User) ?? "";
        var rounds = await RoundsAsync(session, ct);
        return Results.Ok(rounds.OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.OpenedAt).Select(r =>
            new CheckInRoundItem(r.Id, r.Title, r.PeriodStart, r.PeriodEnd, r.Closed ? "closed" : "open", r.Responses.Count, r.Responses.ContainsKey(subject))));
    }

    /// <summary>
    /// One imperative across the closed rounds, by period end: how many answered and the median (from 5 answers, as the
    /// round's summary shows it; null otherwise), and the direction of the medians by the same robust method and noise
    /// band as indicator trends. A round joins the trend when it closes, with its final answers: open rounds are left
    /// out, so two reads around one person's answer show the same.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/imperatives/{imperativeId:guid}/trend", OperationId = "imperativeTrend")]
    [ProducesResponseType<ImperativeTrend>(StatusCodes.Status200OK)]
    public static async Task<IResult> Trend(Guid imperativeId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var imperative = CurrentMember.AllianceOf(http).Imperatives.FirstOrDefault(i => i.Id == imperativeId);
        if (imperative is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No imperative with this id in this alliance.");
        return Results.Ok(TrendOf(imperative, await RoundsAsync(session, ct)));
    }

    public static ImperativeTrend TrendOf(Alliances.Imperative imperative, IReadOnlyList<CheckInRound> rounds)
    {
        var points = rounds.Where(r => r.Closed).OrderBy(r => r.PeriodEnd).ThenBy(r => r.OpenedAt).Select(r =>
        {
            var ratings = ImperativeRatings.Of(r.RatingsOf(imperative.Id), roleMedians: false);
            return new ImperativeRound(r.Id, r.Title, r.PeriodEnd, ratings.Answered, ratings.Median);
        }).ToList();
        var (fit, words) = TrendSentence.Over([.. points.Where(p => p.Median is not null).Select(p => (p.PeriodEnd, p.Median!.Value))], TrendAlong.Rounds);
        return new ImperativeTrend(imperative.Id, imperative.Text, points, fit.Direction, TrendMethod.Description, words);
    }

    public static async Task<IReadOnlyList<CheckInRound>> RoundsAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<CheckInRound>().ToListAsync(ct);
}
