using ImpactJournal.Access;
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

/// <summary>
/// Reads the stories a reader may read from <see cref="StorySignifierTable"/>: their consent scope readable by the
/// reader's role, not expired, not withdrawn (withdrawn stories have no row), within a filter.
/// </summary>
public sealed class PatternStories(NpgsqlDataSource dataSource, string table, string allianceId, AllianceRole role, DateOnly today)
{
    private const string Select = "id, triad_keys, triad_weights, dyad_keys, dyad_values, choices";

    public async Task<IReadOnlyList<PatternStory>> ReadAsync(PatternFilter filter, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter>();
        await using var command = dataSource.CreateCommand($"select {Select} from {table} where {Where(filter, parameters)}");
        command.Parameters.AddRange(parameters.ToArray());
        var stories = new List<PatternStory>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) stories.Add(Row(reader));
        return stories;
    }

    /// <summary>How many readable stories each filter finds, in one pass over the alliance's rows.</summary>
    public async Task<IReadOnlyList<int>> CountAsync(IReadOnlyList<PatternFilter> filters, CancellationToken ct)
    {
        if (filters.Count == 0) return [];
        var parameters = new List<NpgsqlParameter>();
        var readable = Readable(parameters);
        var counts = string.Join(", ", filters.Select(f => $"count(*) filter (where {string.Join(" and ", Conditions(f, parameters).DefaultIfEmpty("true"))})::int"));
        await using var command = dataSource.CreateCommand($"select {counts} from {table} where {readable}");
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return [.. Enumerable.Range(0, filters.Count).Select(reader.GetInt32)];
    }

    private string Where(PatternFilter filter, List<NpgsqlParameter> parameters) =>
        string.Join(" and ", [Readable(parameters), .. Conditions(filter, parameters)]);

    private string Readable(List<NpgsqlParameter> parameters)
    {
        var scopes = ConsentScopes.ReadableBy(role).Select(s => s.ToString().ToLowerInvariant()).ToArray();
        return $"tenant_id = {Add(parameters, allianceId)} and scope = any({Add(parameters, scopes)})"
               + $" and (expires_on is null or expires_on >= {Add(parameters, today)})";
    }

    private static IEnumerable<string> Conditions(PatternFilter filter, List<NpgsqlParameter> parameters)
    {
        if (filter.Role is { } tellerRole) yield return $"lower(trim(teller_role)) = lower({Add(parameters, tellerRole)})";
        if (filter.Choices.Count > 0)
            yield return $"choices @> {Add(parameters, filter.Choices.Select(c => $"{c.Key}={c.Value}").ToArray())}";
        if (filter.From is { } from) yield return $"told_on >= {Add(parameters, from)}";
        if (filter.To is { } to) yield return $"told_on <= {Add(parameters, to)}";
        if (filter.Domain is { } domain) yield return $"lower(trim(domain)) = lower({Add(parameters, domain)})";
        if (filter.Theme is { } theme) yield return $"lower({Add(parameters, theme)}) = any(themes)";
        if (filter.Selected is { } selected) yield return selected ? "selected" : "not selected";
    }

    private static string Add<T>(List<NpgsqlParameter> parameters, T value)
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
