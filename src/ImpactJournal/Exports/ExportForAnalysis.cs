using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.Exports;

/// <summary>The journal's records taken to the tools evaluations are written in, within the reader's consent.</summary>
public static class ExportForAnalysisEndpoint
{
    /// <summary>
    /// A REFI-QDA project (<c>.qdpx</c>, QDA-XML 1.0) of the observations and stories the caller may read, for NVivo,
    /// ATLAS.ti, MAXQDA and QualCoder: the codebook's themes (by their current names: a merged theme is one code, its
    /// former names in its description) and the community capitals as codes, each record as a text source coded with
    /// its themes and capitals, and its date, partner, consent, teller role and signifier values as
    /// variables. Withdrawn and retracted records are never in it; commissioners get only what tellers gave for
    /// commissioners or the public, and not expired.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/exports/qdpx", OperationId = "exportForAnalysisTools")]
    public static async Task<IResult> Qdpx(Guid allianceId, HttpContext http, IQuerySession session, IDocumentStore store,
        NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        await OwnWritesAsync(http, session, dataSource, ct);
        var now = clock.GetUtcNow();
        var role = CurrentMember.Of(http).Role;
        return Results.Stream(async output =>
        {
            await using var snapshot = await AnalysisSnapshot.OpenAsync(store, dataSource, allianceId, role, Today(clock), ct);
            var (alliance, project, _) = await ProjectAsync(snapshot, allianceId, ct);
            await QdpxFile.WriteAsync(output, snapshot, project, $"{alliance.Name}: observations and stories", now, ct);
        }, "application/zip", $"journal-for-analysis-{Today(clock):yyyy-MM-dd}.qdpx");
    }

    /// <summary>
    /// The stories the caller may read as CSV (<c>format=csv</c>, the only format): id, toldOn, title, narrative,
    /// tellerRole, domainOfChange, partner, consentScope, identifiable, frameworkVersion, selectedByAPanel, themes (the
    /// codebook's current names, separated by "; "), then one
    /// column per triad corner (<c>key: label</c>, a weight from 0 to 1), dyad (<c>key: left to right</c>, 0 to 1) and
    /// choice (<c>key</c>); framework versions that share a key share its column. Cells that start like a formula
    /// are made inert.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/stories/export", OperationId = "exportStories")]
    public static async Task<IResult> StoriesCsv(Guid allianceId, string? format, HttpContext http, IQuerySession session, IDocumentStore store,
        NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        if (format is not (null or "csv")) return Outcome.InvalidField("format", "csv (the only format).").ToHttp();
        await OwnWritesAsync(http, session, dataSource, ct);
        var role = CurrentMember.Of(http).Role;
        return Results.Stream(async output =>
        {
            await using var snapshot = await AnalysisSnapshot.OpenAsync(store, dataSource, allianceId, role, Today(clock), ct);
            var (_, project, columns) = await ProjectAsync(snapshot, allianceId, ct);
            await Exports.StoriesCsv.WriteAsync(output, snapshot, project, columns, ct);
        }, "text/csv; charset=utf-8", $"stories-{Today(clock):yyyy-MM-dd}.csv");
    }

    private static async Task<(Alliance Alliance, AnalysisProject Project, IReadOnlyList<SignifierColumn> Columns)> ProjectAsync(
        AnalysisSnapshot snapshot, Guid allianceId, CancellationToken ct)
    {
        var alliance = (await snapshot.AllianceAsync(allianceId, ct))!;
        var columns = SignifierColumns.Of(await snapshot.FrameworksAsync(allianceId, ct), Exports.StoriesCsv.Fixed);
        var themes = new HashSet<string>(await snapshot.ObservationThemesAsync(ct));
        await foreach (var recorded in snapshot.Stories.Select(s => s.Themes!).ToAsyncEnumerable(ct)) themes.UnionWith(recorded ?? []);
        var codebook = await Codebooks.OfAllianceAsync(snapshot.Session, ct);
        return (alliance, new AnalysisProject(allianceId, alliance, themes, codebook, columns), columns);
    }

    /// <summary>What the caller has just logged or told is in their export, as it is in their lists.</summary>
    private static async Task OwnWritesAsync(HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var subject = ActingSubject.Of(http.User);
        await OwnWrites.WaitForProjectionAsync<Observation>(session, dataSource, subject, ct);
        await OwnWrites.WaitForProjectionAsync<Story>(session, dataSource, subject, ct);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
