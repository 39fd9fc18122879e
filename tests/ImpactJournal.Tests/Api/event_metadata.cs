using System.Diagnostics;
using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Api;

public sealed class event_metadata(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task every_appended_event_records_the_acting_subject_and_a_correlation_id()
    {
        var allianceId = await As("founder@example.org").FormAlliance();
        await As("founder@example.org").AddMember(allianceId, "second@example.org", "steward");
        await As("second@example.org").AddPartner(allianceId);

        var rows = await EventRows(allianceId);

        Assert.Equal(["founder@example.org", "founder@example.org", "second@example.org"], rows.Select(r => r.UserName));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.CorrelationId)));
        Assert.Equal(3, rows.Select(r => r.CorrelationId).Distinct().Count());
    }

    private async Task<List<(string? UserName, string? CorrelationId)>> EventRows(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select user_name, correlation_id from {Fixture.Schema}.mt_events where stream_id = @id order by seq_id", connection);
        command.Parameters.AddWithValue("id", streamId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string?, string?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return rows;
    }
}
