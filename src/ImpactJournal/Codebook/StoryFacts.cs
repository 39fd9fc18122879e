using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories.Patterns;
using Marten;
using Npgsql;

namespace ImpactJournal.Codebook;

/// <summary>Stories told in one week (its Monday) with the same recorded themes and identifiability, and how many.</summary>
public sealed record StoryFact(DateOnly Week, IReadOnlyList<string> Themes, bool Identifiable, int Count);

public static class StoryFacts
{
    /// <summary>A group of story facts as one cell of a table: how many, and whether any is identifiable.</summary>
    public static CountCell Cell(this IEnumerable<StoryFact> facts) =>
        facts.Aggregate(new CountCell(0, false), (cell, f) => new CountCell(cell.Count + f.Count, cell.Identifiable || f.Identifiable));

    /// <summary>Groups of facts shown as a row that sums (or might be taken to sum) to all the facts.</summary>
    public static ShownRow ShownRow(this IReadOnlyCollection<StoryFact> all, IEnumerable<IEnumerable<StoryFact>> groups, Viewer viewer) =>
        SmallNumbers.ShowRow(all.Cell(), [.. groups.Select(g => g.Cell())], viewer.IsCommissioner);

    /// <summary>
    /// The codebook's story facts: the stories with any theme that the viewer may read (consent scope readable by their
    /// role, not expired; withdrawn stories have no row in <see cref="StorySignifierTable"/>), one fact per week told.
    /// </summary>
    public static async Task<IReadOnlyList<StoryFact>> ThemeWeeksAsync(IQuerySession session, NpgsqlDataSource dataSource, Viewer viewer,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select date_trunc('week', s.told_on)::date, s.themes, s.identifiable, count(*)::int
            from {StorySignifierTable.TableFor(session.DocumentStore.Options)} as s
            where s.tenant_id = $1 and cardinality(s.themes) > 0
              and s.scope = any($2) and (s.expires_on is null or s.expires_on >= $3)
            group by 1, 2, 3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = ObservationCounts.ScopesReadableBy(viewer) });
        command.Parameters.Add(new NpgsqlParameter { Value = viewer.Today });
        var facts = new List<StoryFact>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            facts.Add(new StoryFact(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetFieldValue<string[]>(1), reader.GetBoolean(2), reader.GetInt32(3)));
        return facts;
    }
}
