using ImpactJournal.Dashboards;
using Marten;

namespace ImpactJournal.Indicators;

/// <summary>
/// Reads of indicator documents that take a few fields out of each. A document holds years of readings, so PostgreSQL
/// stores it compressed out of line; each <c>d.data -&gt; 'field'</c> would decompress the whole document again, so
/// these reads decompress it once (<see cref="Unpacked"/>) and take every field from that copy (2.5× faster for a
/// large alliance's 40 indicators).
/// </summary>
public static class IndicatorDocuments
{
    // `|| '{}'` hands back the document decompressed; `offset 0` keeps PostgreSQL from folding it back into each use.
    private const string Unpacked = "cross join lateral (select d.data || '{}'::jsonb as doc offset 0) as c";

    /// <summary>
    /// Every indicator with only the readings a summary of a period reports: those under the definition in force,
    /// observed within the period (in the order recorded), and only the fields an <see cref="Indicator"/> is made of.
    /// </summary>
    public static async Task<IReadOnlyList<Indicator>> WithReadingsWithinAsync(IQuerySession session, DateOnly start, DateOnly end, CancellationToken ct)
    {
        string[] fields = ["id", "name", "proposedBy", "narrativeOfSuccess", "status", "adoptedOn", "retiredReason", "definitions", "proposed"];
        return await session.QueryAsync<Indicator>($"""
            select jsonb_build_object({string.Join(", ", fields.Select(f => $"'{f}', c.doc -> '{f}'"))}, 'readings', coalesce((
                select jsonb_agg(r.reading order by r.n)
                from jsonb_array_elements(c.doc -> 'readings') with ordinality as r(reading, n)
                where (r.reading ->> 'definitionVersion')::int = (c.doc -> 'definitions' -> -1 ->> 'version')::int
                  and (r.reading ->> 'observedOn')::date between ? and ?), '[]'::jsonb))
            from {Table(session)} as d {Unpacked}
            where d.tenant_id = ?
            """, ct, start, end, session.TenantId);
    }

    /// <summary>The indicators a dashboard shows (retired ones left out), by name, with their latest reading, direction and outline.</summary>
    public static async Task<IReadOnlyList<DashboardIndicator>> OnDashboardAsync(IQuerySession session, CancellationToken ct) =>
        await session.QueryAsync<DashboardIndicator>($"""
            select jsonb_build_object('id', d.id, 'name', c.doc -> 'name', 'status', c.doc -> 'status', 'unit', c.doc -> 'definition' -> 'unit',
                'latest', c.doc -> 'latest', 'direction', c.doc -> 'direction', 'outline', c.doc -> 'outline')
            from {Table(session)} as d {Unpacked}
            where d.tenant_id = ? and c.doc ->> 'status' <> ?
            order by c.doc ->> 'name'
            """, ct, session.TenantId, IndicatorStatus.Retired.ToString());

    private static string Table(IQuerySession session) =>
        session.DocumentStore.Options.FindOrResolveDocumentType(typeof(Indicator)).TableName.QualifiedName;
}
