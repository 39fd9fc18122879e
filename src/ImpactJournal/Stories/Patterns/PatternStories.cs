using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Journal;
using Npgsql;
using NpgsqlTypes;

namespace ImpactJournal.Stories.Patterns;

/// <summary>One readable story as a pattern sees it: only how it was signified.</summary>
public sealed record PatternStory(
    Guid Id,
    IReadOnlyDictionary<string, TriadPoint> Triads,
    IReadOnlyDictionary<string, double> Dyads,
    IReadOnlyDictionary<string, string> Choices);

/// <summary>Where a story sits in a triad: its weights for the first, second and third label.</summary>
public readonly record struct TriadPoint(double A, double B, double C);

/// <summary>What one reading of patterns found: each group's stories (the second null when there is none) and the counts asked for.</summary>
public sealed record GroupsRead(IReadOnlyList<PatternStory> First, IReadOnlyList<PatternStory>? Second, IReadOnlyList<int> Counts);

/// <summary>
/// Reads the stories a reader may read from <see cref="StorySignifierTable"/>: their consent scope readable by the
/// reader's role, not expired, not withdrawn (withdrawn stories have no row), within a filter. A theme filter finds the
/// stories coded with any name that reads as the theme's current name in the <paramref name="codebook"/>.
/// </summary>
public sealed class PatternStories(NpgsqlDataSource dataSource, string table, string allianceId, AllianceRole role, DateOnly today,
    AllianceCodebook codebook)
{
    private const string Select = "id, triad_keys, triad_weights, dyad_keys, dyad_values, choices";

    /// <summary>
    /// The stories of the first group and of the second (when given), and how many stories each of
    /// <paramref name="counted"/> finds, in one round trip: a statement per group reads its stories through the indexes
    /// of its filters, and one more counts every filter in the same single pass over the alliance's rows.
    /// </summary>
    public async Task<GroupsRead> ReadAsync(PatternFilter first, PatternFilter? second, IReadOnlyList<PatternFilter> counted, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var group in second is null ? [first] : new[] { first, second })
        {
            var rows = new NpgsqlBatchCommand();
            rows.CommandText = $"select {Select} from {table} where {Readable(rows.Parameters)} and {Condition(group, rows.Parameters)}";
            batch.BatchCommands.Add(rows);
        }
        if (counted.Count > 0)
        {
            var counting = new NpgsqlBatchCommand();
            var counts = string.Join(", ", counted.Select(f => $"count(*) filter (where {Condition(f, counting.Parameters)})::int"));
            counting.CommandText = $"select {counts} from {table} where {Readable(counting.Parameters)}";
            batch.BatchCommands.Add(counting);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var firstStories = await StoriesAsync(reader, ct);
        var secondStories = second is null ? null : await reader.NextResultAsync(ct) ? await StoriesAsync(reader, ct) : [];
        int[] found = [];
        if (counted.Count > 0 && await reader.NextResultAsync(ct) && await reader.ReadAsync(ct))
            found = [.. Enumerable.Range(0, counted.Count).Select(reader.GetInt32)];
        return new GroupsRead(firstStories, secondStories, found);
    }

    private static async Task<List<PatternStory>> StoriesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var stories = new List<PatternStory>();
        while (await reader.ReadAsync(ct)) stories.Add(Row(reader));
        return stories;
    }

    private string Condition(PatternFilter filter, NpgsqlParameterCollection parameters) =>
        string.Join(" and ", Conditions(filter, parameters).DefaultIfEmpty("true"));

    private string Readable(NpgsqlParameterCollection parameters)
    {
        var scopes = ConsentScopes.ReadableBy(role).Select(s => s.ToString().ToLowerInvariant()).ToArray();
        return $"tenant_id = {Add(parameters, allianceId)} and scope = any({Add(parameters, scopes)})"
               + $" and (expires_on is null or expires_on >= {Add(parameters, today)})";
    }

    private IEnumerable<string> Conditions(PatternFilter filter, NpgsqlParameterCollection parameters)
    {
        if (filter.Role is { } tellerRole) yield return $"role_key = lower({Add(parameters, tellerRole)})";
        if (filter.Choices.Count > 0)
            yield return $"choices @> {Add(parameters, filter.Choices.Select(c => $"{c.Key}={c.Value}").ToArray())}";
        if (filter.From is { } from) yield return $"told_on >= {Add(parameters, from)}";
        if (filter.To is { } to) yield return $"told_on <= {Add(parameters, to)}";
        if (filter.Domain is { } domain) yield return $"domain_key = lower({Add(parameters, domain)})";
        if (filter.Theme is { } theme)
            yield return $"themes && {Add(parameters, codebook.RecordedNamesOf(codebook.CurrentNameOf(theme)).ToArray())}";
        if (filter.Selected is { } selected) yield return selected ? "selected" : "not selected";
    }

    private static string Add<T>(NpgsqlParameterCollection parameters, T value)
    {
        parameters.Add(value is string[] ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }
            : new NpgsqlParameter<T> { TypedValue = value });
        return $"${parameters.Count}";
    }

    private static PatternStory Row(NpgsqlDataReader reader)
    {
        var triadKeys = reader.GetFieldValue<string[]>(1);
        var weights = reader.GetFieldValue<double[]>(2);
        var triads = new Dictionary<string, TriadPoint>(triadKeys.Length, StringComparer.Ordinal);
        for (var i = 0; i < triadKeys.Length && 3 * i + 2 < weights.Length; i++)
            triads[triadKeys[i]] = new TriadPoint(weights[3 * i], weights[3 * i + 1], weights[3 * i + 2]);
        var dyadKeys = reader.GetFieldValue<string[]>(3);
        var positions = reader.GetFieldValue<double[]>(4);
        var dyads = new Dictionary<string, double>(dyadKeys.Length, StringComparer.Ordinal);
        for (var i = 0; i < dyadKeys.Length && i < positions.Length; i++) dyads[dyadKeys[i]] = positions[i];
        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in reader.GetFieldValue<string[]>(5))
            if (pair.IndexOf('=') is var at and > 0) choices[pair[..at]] = pair[(at + 1)..];
        return new PatternStory(reader.GetGuid(0), triads, dyads, choices);
    }
}
