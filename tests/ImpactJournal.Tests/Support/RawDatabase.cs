using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Support;

/// <summary>Looks at what PostgreSQL itself holds, below every API and read model.</summary>
public static class RawDatabase
{
    /// <summary>Rows in any table of the journal's schema whose text contains the phrase.</summary>
    public static async Task<long> RowsMentioning(this AppFixture fixture, string phrase)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = @s and table_type = 'BASE TABLE'", connection))
        {
            list.Parameters.AddWithValue("s", fixture.Schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("mt_events", tables);

        long total = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {fixture.Schema}.\"{table}\" t where t::text like @p", connection);
            count.Parameters.AddWithValue("p", $"%{phrase}%");
            total += (long)(await count.ExecuteScalarAsync())!;
        }
        return total;
    }

    /// <summary>Who appended events of one type to a stream, and how many there are.</summary>
    public static async Task<(string? By, long Count)> EventsOfType(this AppFixture fixture, Guid streamId, string eventType)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select min(user_name), count(*) from {fixture.Schema}.mt_events where stream_id = @id and type = @type", connection);
        command.Parameters.AddWithValue("id", streamId);
        command.Parameters.AddWithValue("type", eventType);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
    }
}

/// <summary>One event as PostgreSQL holds it: its type alias, its JSON and when it was recorded.</summary>
public sealed record RawEvent(Guid StreamId, string Type, System.Text.Json.Nodes.JsonNode Data, DateTimeOffset Timestamp);

public static class RawEvents
{
    /// <summary>Every event of one alliance, in the order they were appended.</summary>
    public static async Task<IReadOnlyList<RawEvent>> Of(AppFixture fixture, Guid allianceId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select stream_id, type, data::text, timestamp from {fixture.Schema}.mt_events where tenant_id = @tenant order by seq_id", connection);
        command.Parameters.AddWithValue("tenant", allianceId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<RawEvent>();
        while (await reader.ReadAsync())
            events.Add(new RawEvent(reader.GetGuid(0), reader.GetString(1), System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(2))!, reader.GetFieldValue<DateTimeOffset>(3)));
        return events;
    }
}
