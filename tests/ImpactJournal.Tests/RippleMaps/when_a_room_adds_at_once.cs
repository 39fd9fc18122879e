using System.Text.Json;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using ImpactJournal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>
/// A room adding ripples at once: the writes to one map that arrive while another is being written are written
/// together, in one commit, so the room costs fewer commits (and board patches) than ripples. Each write is still
/// answered as if it were alone: written once, with its own links right after it, recorded with who added it, refused
/// on its own when it must be, and answered only once it is committed.
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

        List<(string Person, Guid Ripple)> added;
        await using (var slowCommit = await HoldMapAsync(m))
        {
            // The first write takes the map and waits on the slow commit; the room's writes queue behind it meanwhile.
            var first = Task.Run(() => As(people[0]).AddRipple(a, m, $"Said by {people[0]}", causedBy: [m]));
            await slowCommit.UntilWritingAsync(a, 0);
            var rest = people.Skip(1).Select(p => Task.Run(async () => (p, await As(p).AddRipple(a, m, $"Said by {p}", causedBy: [m])))).ToList();
            await slowCommit.UntilWritingAsync(a, people.Count - 1);
            var commitsBefore = signals.Count(m);
            await slowCommit.DisposeAsync();

            added = [(people[0], await first), .. await Task.WhenAll(rest)];
            Assert.Equal(2, signals.Count(m) - commitsBefore);
        }

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

    [Fact]
    public async Task each_write_of_a_group_gets_its_own_answer_a_retry_is_not_written_twice_and_none_is_a_5xx()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("group");
        var m = await As(Steward).StartMap(a);
        var partner = As("group-partner@example.org");
        var ripples = $"{MapBuilder.Map(a, m)}/ripples";
        var signals = Host.Services.GetRequiredService<MapChangeSignals>();
        var said = Guid.CreateVersion7();
        var body = MapBuilder.RippleBody("The hall stayed open late", causedBy: [m], id: said);

        List<(string Write, int Status, string Body)> answers;
        await using (var slowCommit = await HoldMapAsync(m))
        {
            var opener = Task.Run(() => partner.AddRipple(a, m, "Opened the hall", causedBy: [m]));
            await slowCommit.UntilWritingAsync(a, 0);
            var group = new (string Write, object Body)[]
            {
                ("a ripple", body),
                ("the same ripple sent again", body),
                ("its id with other words", MapBuilder.RippleBody("Something else entirely", causedBy: [m], id: said)),
                ("a ripple it led to", MapBuilder.RippleBody("Neighbours met there", causedBy: [said])),
                ("a ripple from no ripple of the map", MapBuilder.RippleBody("From nowhere", causedBy: [Guid.NewGuid()]))
            };
            // One at a time into the queue, so the group holds them in this order.
            var sent = new List<Task<(string, int, string)>>();
            foreach (var (write, json) in group)
            {
                sent.Add(Task.Run(async () =>
                {
                    var (status, _, text, _) = await partner.SendRaw(HttpMethod.Post, ripples, JsonSerializer.Serialize(json, JsonSerializerOptions.Web));
                    return (write, status, text);
                }));
                await slowCommit.UntilWritingAsync(a, sent.Count);
            }
            var commitsBefore = signals.Count(m);
            await slowCommit.DisposeAsync();
            await opener;
            answers = [.. await Task.WhenAll(sent)];
            Assert.Equal(2, signals.Count(m) - commitsBefore);
        }

        Assert.Equal(
            [("a ripple", 201), ("the same ripple sent again", 200), ("its id with other words", 409), ("a ripple it led to", 201), ("a ripple from no ripple of the map", 400)],
            answers.Select(x => (x.Write, x.Status)));
        var events = await EventRows(m);
        Assert.Single(events, e => e.Type == "ripple_added" && e.Data.Contains(said.ToString()));
        Assert.DoesNotContain(events, e => e.Data.Contains("Something else entirely") || e.Data.Contains("From nowhere"));
        Assert.Contains(events, e => e.Data.Contains("Neighbours met there"));
    }

    [Fact]
    public async Task a_write_whose_group_cannot_be_committed_fails_alone_and_the_others_are_written_once_before_they_are_answered()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("group");
        var m = await As(Steward).StartMap(a);
        var partner = As("group-partner@example.org");
        var states = Host.Services.GetRequiredService<RippleMapStates>();

        var before = Guid.CreateVersion7();
        var after = Guid.CreateVersion7();
        Task<Guid> writtenBefore, writtenAfter;
        Task<Outcome> unstorable;
        await using (var slowCommit = await HoldMapAsync(m))
        {
            var opener = Task.Run(() => partner.AddRipple(a, m, "Opened the hall", causedBy: [m]));
            await slowCommit.UntilWritingAsync(a, 0);
            writtenBefore = Task.Run(async () => (await partner.Post($"{MapBuilder.Map(a, m)}/ripples", MapBuilder.RippleBody("Said before", causedBy: [m], id: before))).Id());
            await slowCommit.UntilWritingAsync(a, 1);
            // Text PostgreSQL cannot store (the API refuses it, so this write comes from inside): the group's commit fails.
            await using (var session = Store.LightweightSession(a.ToString()))
                unstorable = RippleMapWriter.WriteAsync(session, states, m, _ => Decision.Append(Outcome.Created(Guid.Empty, ""),
                    new RippleAdded(Guid.CreateVersion7(), "Cannot be stored \0", null, [], Valence.Generative, true, [], null, null, null, null)), CancellationToken.None);
            await slowCommit.UntilWritingAsync(a, 2);
            writtenAfter = Task.Run(async () => (await partner.Post($"{MapBuilder.Map(a, m)}/ripples", MapBuilder.RippleBody("Said after", causedBy: [before], id: after))).Id());
            await slowCommit.UntilWritingAsync(a, 3);
            await slowCommit.DisposeAsync();
            await opener;
        }

        // Each of the others is in the journal by the time it is answered, once.
        foreach (var (written, ripple) in new[] { (writtenBefore, before), (writtenAfter, after) })
        {
            Assert.Equal(ripple, await written);
            Assert.Single(await EventRows(m), e => e.Type == "ripple_added" && e.Data.Contains(ripple.ToString()));
        }
        Assert.IsType<PostgresException>((await Assert.ThrowsAsync<Marten.Exceptions.MartenCommandException>(() => unstorable)).InnerException);
        Assert.DoesNotContain(await EventRows(m), e => e.Data.Contains("Cannot be stored"));
    }

    /// <summary>Holds the map's lock from outside the service, as a slow commit would, until disposed.</summary>
    private async Task<HeldMap> HoldMapAsync(Guid mapId)
    {
        var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", RippleMapWriter.LockKey(mapId));
        await command.ExecuteNonQueryAsync();
        return new HeldMap(connection, mapId, Host.Services.GetRequiredService<RippleMapStates>().Writes);
    }

    private sealed class HeldMap(NpgsqlConnection connection, Guid mapId, MapWriteGroups writes) : IAsyncDisposable
    {
        /// <summary>Until a group of the map's writes is waiting for the lock, and <paramref name="queued"/> more wait behind it.</summary>
        public async Task UntilWritingAsync(Guid allianceId, int queued)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (writes.Queued(allianceId.ToString(), mapId) != queued || !await GroupWaitsAsync())
            {
                Assert.True(DateTime.UtcNow < deadline, $"{writes.Queued(allianceId.ToString(), mapId)} writes queued, expected {queued}");
                await Task.Delay(10);
            }
        }

        private async Task<bool> GroupWaitsAsync()
        {
            await using var command = new NpgsqlCommand(
                "select exists (select 1 from pg_locks where locktype = 'advisory' and not granted and ((classid::bigint << 32) | objid::bigint) = @key)", connection);
            command.Parameters.AddWithValue("key", RippleMapWriter.LockKey(mapId));
            return (bool)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            if (connection.State == System.Data.ConnectionState.Open)
                await using (var command = new NpgsqlCommand("select pg_advisory_unlock_all()", connection)) await command.ExecuteNonQueryAsync();
            await connection.DisposeAsync();
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
