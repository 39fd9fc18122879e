using ImpactJournal.RippleMaps;
using ImpactJournal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>
/// A room adding ripples at once: the writes to one map that arrive while another is being written are written
/// together, in one commit, so the room costs fewer commits (and board patches) than ripples. Each ripple is still
/// written once, with its own link right after it, and each event records who added it.
/// </summary>
public sealed class when_a_room_adds_at_once(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "group-steward@example.org";

    [Fact]
    public async Task writes_arriving_together_are_committed_together_each_once_in_order_with_its_author()
    {
        var (a, partnerId) = await As(Steward).FormAllianceWithEveryRole("group");
        var m = await As(Steward).StartMap(a);
        var people = Enumerable.Range(0, 24).Select(i => $"group-p{i}@example.org").ToList();
        foreach (var p in people) await As(Steward).AddMember(a, p, "partner", partnerId);
        var signals = Host.Services.GetRequiredService<MapChangeSignals>();
        var commitsBefore = signals.Count(m);

        var added = await Task.WhenAll(people.Select(p => Task.Run(async () => (p, await As(p).AddRipple(a, m, $"Said by {p}", causedBy: [m])))));

        Assert.InRange(signals.Count(m) - commitsBefore, 1, people.Count - 1);
        var events = await EventRows(m);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        foreach (var (person, ripple) in added)
        {
            var at = events.FindIndex(e => e.Type == "ripple_added" && e.Data.Contains(ripple.ToString()));
            Assert.True(at > 0, $"{ripple} was written");
            Assert.Single(events, e => e.Type == "ripple_added" && e.Data.Contains(ripple.ToString()));
            Assert.Equal("ripples_linked", events[at + 1].Type);
            Assert.Contains(ripple.ToString(), events[at + 1].Data);
            Assert.Equal(person, events[at].UserName);
            Assert.Equal(person, events[at + 1].UserName);
        }
    }

    private async Task<List<(long Version, string Type, string Data, string? UserName)>> EventRows(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select version, type, data::text, user_name from {Fixture.Schema}.mt_events where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", streamId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, string, string?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return rows;
    }
}
