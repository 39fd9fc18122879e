using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

public enum MapExportFormat
{
    Graphml,
    Dot,
    Kumu,
    Csv
}

public static class ExportRippleMapEndpoint
{
    /// <summary>
    /// The map (or, with <c>asOf</c>, the map as it stood then) in a format other tools open:
    /// <c>graphml</c> (yEd, Gephi, networkx), <c>dot</c> (Graphviz), <c>kumu</c> (Kumu JSON import),
    /// <c>csv</c> (a zip of nodes.csv and links.csv). Withdrawn links are left out.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/export", OperationId = "exportRippleMap")]
    public static async Task<IResult> Get(Guid mapId, string? format, DateTimeOffset? asOf, IQuerySession session,
        RippleMapStates states, CancellationToken ct)
    {
        if (format is null || Vocabulary.Parse<MapExportFormat>(format) is not { } chosen)
            return Outcome.InvalidField("format", $"Required; one of {Vocabulary.ListOf<MapExportFormat>()}.").ToHttp();
        var view = await MapAt.ViewAsync(session, states, mapId, asOf?.ToUniversalTime(), ct);
        if (view is null) return MapAnswers.MapNotFound.ToHttp();

        var graph = MapExportGraph.Of(view);
        var name = $"ripple-map-{mapId}";
        return chosen switch
        {
            MapExportFormat.Graphml => Results.File(GraphMlExport.Write(graph), "application/graphml+xml", $"{name}.graphml"),
            MapExportFormat.Dot => Results.File(DotExport.Write(graph), "text/vnd.graphviz; charset=utf-8", $"{name}.dot"),
            MapExportFormat.Kumu => Results.File(KumuExport.Write(graph), "application/json", $"{name}.kumu.json"),
            _ => Results.File(CsvExport.Write(graph), "application/zip", $"{name}.csv.zip"),
        };
    }

    /// <summary>
    /// A radial SVG picture: focus at the centre, one ring per order, unreachable ripples in an outer
    /// band, colour by capital with a legend, degenerative ripples outlined in dashed red. Full labels
    /// are in each node's title. The map as it is now is the picture open boards and projectors show, every ripple where
    /// they draw it (a map laid out as it grew keeps its ripples in place); with <c>asOf</c>, the map then, laid out afresh.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/picture", OperationId = "pictureOfRippleMap")]
    public static async Task<IResult> Picture(Guid mapId, DateTimeOffset? asOf, IQuerySession session,
        RippleMapStates states, CancellationToken ct)
    {
        if (asOf is null)
            return await states.CurrentAsync(session, mapId, ct) is { } held
                ? Results.Text(held.Picture, "image/svg+xml", System.Text.Encoding.UTF8)
                : MapAnswers.MapNotFound.ToHttp();
        var view = await MapAt.ViewAsync(session, states, mapId, asOf.Value.ToUniversalTime(), ct);
        return view is null ? MapAnswers.MapNotFound.ToHttp() : Results.Bytes(RipplePicture.Draw(view), "image/svg+xml");
    }
}
