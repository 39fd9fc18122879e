using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.Network;

public enum NetworkExportFormat
{
    Graphml,
    Kumu
}

public static class ReadNetworkEndpoint
{
    public const int MaxQuietAfterDays = 3650;

    /// <summary>
    /// The collaboration network: partners as nodes with their degree and betweenness (the bridging partners),
    /// ties weighted by joint observations, joint ripples and shared sessions with their first and latest day,
    /// density and components. <c>asOf</c> (a day; default today) gives the network from the activity up to then;
    /// a tie is quiet after <c>quietAfterDays</c> without joint activity (default 90, or as configured).
    /// Made only of what the caller may read: for commissioners, observations given for commissioners or the public
    /// and not expired, plus ripples and sessions; every measure and date comes from that network. For commissioners
    /// a <c>jointObservations</c> under 5 that includes identifiable observations reads <c>"&lt;5"</c> and the tie's
    /// <c>weight</c> then reads <c>"withheld"</c>: both fields are a number or such a string.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/network", OperationId = "getCollaborationNetwork")]
    [ProducesResponseType<NetworkView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(DateTimeOffset? asOf, int? quietAfterDays, HttpContext http, IQuerySession session,
        NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var (viewer, quiet, problem) = Inputs(http, clock, configuration, quietAfterDays);
        if (problem is not null) return problem;
        var network = await NetworkAsync(http, session, dataSource, DayOf(asOf) ?? viewer.Today, quiet, viewer, ct);
        return Results.Ok(network.View(viewer));
    }

    /// <summary>
    /// Between two days (<c>to</c> defaults to today): new ties, ties gone quiet, and partners with no ties, all of the
    /// caller's own network (as <c>GET …/network</c> makes it), ties shown as there with the same withheld values.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/network/diff", OperationId = "diffCollaborationNetwork")]
    [ProducesResponseType<NetworkDiff>(StatusCodes.Status200OK)]
    public static async Task<IResult> Diff(DateTimeOffset? from, DateTimeOffset? to, int? quietAfterDays, HttpContext http,
        IQuerySession session, NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var (viewer, quiet, problem) = Inputs(http, clock, configuration, quietAfterDays);
        if (problem is not null) return problem;
        var end = DayOf(to) ?? viewer.Today;
        var validation = new Validation().Required("from", from);
        if (DayOf(from) > end) validation.Add("from", "Must not be after to.");
        if (!validation.IsValid) return Results.Problem(validation.ToProblem());

        var before = await NetworkAsync(http, session, dataSource, DayOf(from)!.Value, quiet, viewer, ct);
        var after = await NetworkAsync(http, session, dataSource, end, quiet, viewer, ct);
        return Results.Ok(CollaborationNetwork.Between(before, after, viewer));
    }

    /// <summary>
    /// The caller's network (<c>asOf</c> allowed) for other tools: <c>graphml</c> (networkx, Gephi, yEd) or <c>kumu</c>
    /// (Kumu's JSON import). A count shown as <c>"&lt;5"</c> or <c>"withheld"</c> is left out of GraphML's numeric
    /// attributes and named in the edge's <c>withheld</c> attribute; Kumu carries the string in the field.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/network/export", OperationId = "exportCollaborationNetwork")]
    public static async Task<IResult> Export(string? format, DateTimeOffset? asOf, HttpContext http, IQuerySession session,
        NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        if (format is null || Vocabulary.Parse<NetworkExportFormat>(format) is not { } chosen)
            return Results.Problem(new Validation().Add("format", $"Required; one of {Vocabulary.ListOf<NetworkExportFormat>()}.").ToProblem());
        var (viewer, quiet, _) = Inputs(http, clock, configuration, null);
        var network = await NetworkAsync(http, session, dataSource, DayOf(asOf) ?? viewer.Today, quiet, viewer, ct);
        var view = network.View(viewer);
        var name = $"collaboration-network-{CurrentMember.AllianceOf(http).Id}-{view.AsOf:yyyy-MM-dd}";
        return chosen == NetworkExportFormat.Graphml
            ? Results.File(NetworkGraphMl.Write(view), "application/graphml+xml", $"{name}.graphml")
            : Results.File(NetworkKumu.Write(view), "application/json", $"{name}.kumu.json");
    }

    /// <summary>
    /// An SVG picture of the caller's network: partners on a circle sized by betweenness, ties drawn by weight (a
    /// withheld weight at one width, whatever it holds), quiet ties dashed.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/network/picture", OperationId = "pictureOfCollaborationNetwork")]
    public static async Task<IResult> Picture(DateTimeOffset? asOf, HttpContext http, IQuerySession session,
        NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var (viewer, quiet, _) = Inputs(http, clock, configuration, null);
        var network = await NetworkAsync(http, session, dataSource, DayOf(asOf) ?? viewer.Today, quiet, viewer, ct);
        return Results.Bytes(NetworkPicture.Draw(network.View(viewer)), "image/svg+xml");
    }

    public static async Task<CollaborationNetwork> NetworkAsync(HttpContext http, IQuerySession session, NpgsqlDataSource dataSource,
        DateOnly asOf, int quietAfterDays, Viewer viewer, CancellationToken ct)
    {
        var subject = ActingSubject.Of(http.User);
        await OwnWrites.WaitForProjectionAsync<Observation>(session, dataSource, subject, ct);
        await OwnWrites.WaitForProjectionAsync<CollaborationFact>(session, dataSource, subject, ct);
        var ties = await JointActivity.UntilAsync(session, dataSource, asOf, viewer, ct);
        return CollaborationNetwork.Of(asOf, quietAfterDays, CurrentMember.AllianceOf(http).Partners, ties);
    }

    private static (Viewer Viewer, int QuietAfterDays, IResult? Problem) Inputs(HttpContext http, TimeProvider clock,
        IConfiguration configuration, int? quietAfterDays)
    {
        var viewer = new Viewer(CurrentMember.Of(http).Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var quiet = quietAfterDays ?? configuration.GetValue("Network:QuietAfterDays", CollaborationNetwork.DefaultQuietAfterDays);
        IResult? problem = quiet is < 1 or > MaxQuietAfterDays
            ? Results.Problem(new Validation().Add("quietAfterDays", $"A whole number of days from 1 to {MaxQuietAfterDays}.").ToProblem())
            : null;
        return (viewer, quiet, problem);
    }

    /// <summary>The day as written: "2025-06-30" is 30 June wherever the server runs (a bare date is read in its local offset).</summary>
    private static DateOnly? DayOf(DateTimeOffset? moment) => moment is { } m ? DateOnly.FromDateTime(m.DateTime) : null;
}
