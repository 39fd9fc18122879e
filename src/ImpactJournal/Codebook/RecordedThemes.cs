using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories.Patterns;
using Marten;
using Npgsql;

namespace ImpactJournal.Codebook;

/// <summary>The themes records of the alliance are coded with, whoever may read them.</summary>
public static class RecordedThemes
{
    /// <summary>
    /// Every theme an observation or story of the session's alliance is coded with, in any consent scope, retracted or
    /// expired too (as normalised words), leaving out the record <paramref name="except"/>. Withdrawn records carry none.
    /// Ripples are not here: the codebook reads every map already.
    /// </summary>
    public static async Task<IReadOnlySet<string>> AnywhereAsync(IQuerySession session, NpgsqlDataSource dataSource, Guid? except,
        CancellationToken ct)
    {
        var options = session.DocumentStore.Options;
        // Stories from their narrow signifier rows (withdrawn stories have none), not from their documents.
        await using var command = dataSource.CreateCommand($"""
            select distinct theme from (
                select unnest(themes) as theme from {ObservationTally.TableFor(options)} where tenant_id = $1 and id <> $2
                union all
                select unnest(themes) from {StorySignifierTable.TableFor(options)} where tenant_id = $1 and id <> $2 and cardinality(themes) > 0) as recorded
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = except ?? Guid.Empty });
        var themes = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) themes.Add(Themes.NormaliseOne(reader.GetString(0)));
        return themes;
    }
}
