using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Commons;

public static class ReadCommonsEndpoints
{
    /// <summary>
    /// Search the learning commons (members of any alliance; everyone when the installation opened it): by <c>capital</c>,
    /// <c>theme</c>, <c>model</c> (the publishing alliance's collaboration model), <c>partnerKind</c> (a kind of organisation
    /// among its partners) and the period <c>from</c>..<c>to</c> (items whose own period overlaps it). Latest published
    /// first, at most <c>limit</c> (50; up to 200). Each item names its alliance and the address of its public profile.
    /// </summary>
    [WolverineGet("/api/commons", OperationId = "searchCommons", Summary = "Search the learning commons")]
    [AllowAnonymous]
    [ProducesResponseType<CommonsHits>(StatusCodes.Status200OK)]
    public static async Task<IResult> Search(CommunityCapital? capital, string? theme, string? model, PartnerKind? partnerKind, DateOnly? from, DateOnly? to,
        int? limit, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        if (await CommonsAccess.RefusalAsync(http, ct) is { } refused) return refused;
        var filter = new CommonsFilter(capital, theme, model, partnerKind, from, to);
        if (filter.Validate() is { Count: > 0 } errors) return Results.Problem(Infrastructure.Validation.Problem(errors));
        await using var session = store.QuerySession();
        return Results.Ok(new CommonsHits(await CommonsSearch.FindAsync(session, filter, Today(clock), limit ?? 50, ct)));
    }

    /// <summary>One item of the commons whole: a map's ripples (partners named only where its alliance allows), a review's adaptations and what became of them, an imperative's direction, a story's words.</summary>
    [WolverineGet("/api/commons/items/{itemId:guid}", OperationId = "readCommonsItem", Summary = "Read one item of the learning commons")]
    [AllowAnonymous]
    [ProducesResponseType<CommonsItemView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Item(Guid itemId, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        if (await CommonsAccess.RefusalAsync(http, ct) is { } refused) return refused;
        await using var session = store.QuerySession();
        return await CommonsSearch.ItemAsync(session, itemId, Today(clock), ct) is { } item ? Results.Ok(item) : NotInCommons();
    }

    /// <summary>A published map's picture (SVG), as it was when it was published.</summary>
    [WolverineGet("/api/commons/items/{itemId:guid}/picture", OperationId = "commonsItemPicture", Summary = "The picture of a ripple map in the learning commons (SVG)")]
    [AllowAnonymous]
    public static async Task<IResult> Picture(Guid itemId, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        if (await CommonsAccess.RefusalAsync(http, ct) is { } refused) return refused;
        await using var session = store.QuerySession();
        return await CommonsSearch.PictureAsync(session, itemId, Today(clock), ct) is { } svg ? Results.Text(svg, "image/svg+xml") : NotInCommons();
    }

    /// <summary>An alliance's public profile in the commons, as its steward wrote it, with what it published.</summary>
    [WolverineGet("/api/commons/alliances/{commonsAllianceId:guid}", OperationId = "readCommonsAlliance", Summary = "Read an alliance's public profile in the learning commons")]
    [AllowAnonymous]
    [ProducesResponseType<CommonsAllianceView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Alliance(Guid commonsAllianceId, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        if (await CommonsAccess.RefusalAsync(http, ct) is { } refused) return refused;
        await using var session = store.QuerySession();
        return await CommonsSearch.AllianceAsync(session, commonsAllianceId, Today(clock), ct) is { } alliance ? Results.Ok(alliance) : NotInCommons();
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static IResult NotInCommons() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no such item in the commons.");
}

public sealed record CommonsHits(IReadOnlyList<CommonsHit> Items);
