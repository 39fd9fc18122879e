using ImpactJournal.Journal;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.LearningReviews;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Indicators;

public sealed record IndicatorListItem(Guid Id, string Name, IndicatorStatus Status, string ProposedBy, IndicatorDefinition Definition,
    ReadingPoint? Latest, TrendDirection Direction);

public sealed record IndicatorDetail(Guid Id, string Name, IndicatorStatus Status, string ProposedBy, string? NarrativeOfSuccess,
    DateOnly? AdoptedOn, string? RetiredReason, IndicatorDefinition Definition, IReadOnlyList<IndicatorDefinition> Definitions,
    int Readings, ReadingPoint? Latest, TrendDirection Direction)
{
    public static IndicatorDetail Of(Indicator i) => new(i.Id, i.Name, i.Status, i.ProposedBy, i.NarrativeOfSuccess, i.AdoptedOn,
        i.RetiredReason, i.Definition, i.Definitions, i.Readings.Count, i.Latest, i.Direction);
}

public static class ReadIndicatorsEndpoint
{
    /// <summary>The alliance's indicators by name, each with its status, latest value and direction (no targets, no ratings).</summary>
    [WolverineGet(AllianceRoute.Prefix + "/indicators", OperationId = "listIndicators")]
    [ProducesResponseType<Page<IndicatorListItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(IndicatorStatus? status, int? limit, string? cursor, IQuerySession session, CancellationToken ct)
    {
        var (page, problem) = PageRequest.From(limit, cursor);
        if (problem is not null) return problem;
        var query = session.Query<Indicator>().AsQueryable();
        if (status is not null) query = query.Where(i => i.Status == status);
        var rows = await query.OrderBy(i => i.Name).ThenBy(i => i.Id).Skip(page!.Offset).Take(page.Limit + 1)
            .Select(i => new IndicatorListItem(i.Id, i.Name, i.Status, i.ProposedBy, i.Definition, i.Latest, i.Direction))
            .ToListAsync(ct);
        return Results.Ok(page.SliceFetched(rows));
    }

    /// <summary>One indicator with every definition version it has had.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}", OperationId = "getIndicator")]
    [ProducesResponseType<IndicatorDetail>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid indicatorId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Indicator>(indicatorId, ct) is { } indicator ? Results.Ok(IndicatorDetail.Of(indicator)) : NotFound;

    /// <summary>
    /// The trend: the series with each reading's definition version, baseline (first reading of the
    /// current version), latest, change since baseline and since the last closed learning review,
    /// and the direction of travel. Method: Theil–Sen slope over the current version's readings
    /// against a noise band of twice the residuals' robust spread (1.4826 × MAD); rising or falling
    /// when the fitted change over the span exceeds it, otherwise steady; insufficient-data under 3
    /// readings. With <c>?asOf=</c>, the trend from the readings recorded by then.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/indicators/{indicatorId:guid}/trend", OperationId = "indicatorTrend")]
    [ProducesResponseType<IndicatorTrend>(StatusCodes.Status200OK)]
    public static async Task<IResult> Trend(Guid indicatorId, DateTimeOffset? asOf, IQuerySession session, CancellationToken ct)
    {
        asOf = asOf?.ToUniversalTime();
        var (indicator, lastReview) = await WithLastReviewAsync(session, indicatorId, asOf, ct);
        if (indicator is not null && asOf is not null)
            indicator = await session.Events.AggregateStreamAsync<Indicator>(indicatorId, timestamp: asOf, token: ct);
        return indicator is null ? NotFound : Results.Ok(await TrendOfAsync(session, indicator, lastReview, asOf, ct));
    }

    /// <summary>
    /// The indicator and the alliance's last learning review closed by <paramref name="closedBy"/> (any, when null),
    /// in one round trip (shared with the web app's indicator page).
    /// </summary>
    public static async Task<(Indicator? Indicator, LearningReview? LastReview)> WithLastReviewAsync(IQuerySession session, Guid indicatorId,
        DateTimeOffset? closedBy, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var indicator = batch.Load<Indicator>(indicatorId);
        var reviews = batch.Query<LearningReview>().Where(r => r.ClosedAt != null);
        if (closedBy is not null) reviews = reviews.Where(r => r.ClosedAt <= closedBy);
        var lastReview = reviews.OrderByDescending(r => r.PeriodEnd).FirstOrDefault();
        await batch.Execute(ct);
        return (await indicator, await lastReview);
    }

    /// <summary>The trend of an indicator as it stood, beside the last review closed by then.</summary>
    public static async Task<IndicatorTrend> TrendOfAsync(IQuerySession session, Indicator indicator, LearningReview? lastReview, DateTimeOffset? asOf,
        CancellationToken ct)
    {
        var withdrawn = await Evidence.WithdrawnAsync(session, indicator.Readings.SelectMany(r => r.Linked).Select(l => l.Id), ct);
        return IndicatorTrend.Of(indicator, lastReview, asOf, withdrawn);
    }

    public static IResult NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
        detail: IndicatorAnswers.Missing);
}
