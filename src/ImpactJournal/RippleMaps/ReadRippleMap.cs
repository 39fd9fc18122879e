using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary>One ripple with its codings; <c>version</c> is the map version at which its coding last changed (a re-coding's <c>expectedVersion</c>).</summary>
public sealed record RippleDetail(NodeView Ripple, IReadOnlyList<Coding> Codings, long Version)
{
    /// <summary>The ripple's themes as the codebook names them now; each coding keeps the words it was coded with.</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];
}

public sealed record LinkDetail(LinkView Link, IReadOnlyList<LinkChange> History);

public static class ReadRippleMapEndpoint
{
    /// <summary>
    /// The map: ripples with their computed order (shortest path from the focus over links not
    /// withdrawn; null when unreachable), links with status and provenance, and the summary. With
    /// <c>?asOf=</c> the map exactly as it stood then, by the time each change was recorded.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}", OperationId = "getRippleMap")]
    [ProducesResponseType<RippleMapView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid mapId, DateTimeOffset? asOf, IQuerySession session, RippleMapStates states, CancellationToken ct)
    {
        asOf = asOf?.ToUniversalTime();
        if (asOf is null)
        {
            if (await states.CurrentAsync(session, mapId, ct) is not { } held) return MapAnswers.MapNotFound.ToHttp();
            var withdrawnNow = await Evidence.WithdrawnAsync(session, held.View.CitedIds, ct);
            return withdrawnNow.Count == 0
                ? Results.Bytes(held.Json, "application/json; charset=utf-8")
                : Results.Ok(held.View.MarkWithdrawn(withdrawnNow));
        }
        var view = await MapAt.ViewAsync(session, states, mapId, asOf, ct);
        if (view is null) return MapAnswers.MapNotFound.ToHttp();
        return Results.Ok(view.MarkWithdrawn(await Evidence.WithdrawnAsync(session, view.CitedIds, ct)));
    }

    /// <summary>The alliance's ripple maps, most recently started first.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps", OperationId = "listRippleMaps")]
    [ProducesResponseType<Page<RippleMapHeader>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(int? limit, string? cursor, IQuerySession session, CancellationToken ct)
    {
        var (page, problem) = PageRequest.From(limit, cursor);
        if (problem is not null) return problem;
        var rows = await session.Query<RippleMapHeader>().OrderByDescending(m => m.StartedAt).ThenBy(m => m.Id)
            .Skip(page!.Offset).Take(page.Limit + 1).ToListAsync(ct);
        return Results.Ok(page.SliceFetched(rows));
    }

    /// <summary>One ripple with its full coding history, and its themes as the codebook names them now.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/ripples/{rippleId:guid}", OperationId = "getRipple")]
    [ProducesResponseType<RippleDetail>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetRipple(Guid mapId, Guid rippleId, IQuerySession session, RippleMapStates states, CancellationToken ct)
    {
        if (await states.CurrentAsync(session, mapId, ct) is not { } held) return MapAnswers.MapNotFound.ToHttp();
        if (!held.Map.Nodes.TryGetValue(rippleId, out var ripple)) return MapAnswers.NotFound("No ripple with this id on this map.").ToHttp();
        var node = held.View.Nodes.First(n => n.Id == rippleId);
        var withdrawn = await Evidence.WithdrawnAsync(session, node.Evidence.Select(e => e.Id), ct);
        var codebook = await Codebook.Codebooks.OfAllianceAsync(session, ct);
        return Results.Ok(new RippleDetail(node with { Evidence = EvidenceView.Of(ripple.Evidence, withdrawn) }, ripple.Codings, ripple.ChangedVersion)
        {
            Themes = codebook.CurrentNamesOf(ripple.Coding.Themes)
        });
    }

    /// <summary>One link with its history of disputes, substantiations and withdrawal.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/links/{linkId:guid}", OperationId = "getRippleLink")]
    [ProducesResponseType<LinkDetail>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetLink(Guid mapId, Guid linkId, IQuerySession session, RippleMapStates states, CancellationToken ct)
    {
        if (await states.CurrentAsync(session, mapId, ct) is not { } held) return MapAnswers.MapNotFound.ToHttp();
        if (!held.Map.Links.TryGetValue(linkId, out var link)) return MapAnswers.NotFound("No link with this id on this map.").ToHttp();
        var view = held.View.Links.First(l => l.Id == linkId);
        var withdrawn = await Evidence.WithdrawnAsync(session, view.Evidence.Select(e => e.Id), ct);
        return Results.Ok(new LinkDetail(view with { Evidence = EvidenceView.Of(link.Evidence, withdrawn) }, link.History));
    }
}

/// <summary>The map now (from the held state) or as it stood at a moment (rebuilt from the journal).</summary>
public static class MapAt
{
    /// <summary>The map as it stood at a moment, given as it is now; null when it did not exist yet.</summary>
    public static Task<RippleMap?> StateAsync(IQuerySession session, RippleMapStates states, RippleMapStates.Held current, DateTimeOffset asOf,
        CancellationToken ct) => states.AsOfAsync(session, current, asOf, ct);

    public static async Task<RippleMapView?> ViewAsync(IQuerySession session, RippleMapStates states, Guid mapId, DateTimeOffset? asOf, CancellationToken ct)
    {
        var held = await states.CurrentAsync(session, mapId, ct);
        if (held is null) return null;
        return asOf is null ? held.View : await states.ViewAsOfAsync(session, held, asOf.Value, ct);
    }
}
