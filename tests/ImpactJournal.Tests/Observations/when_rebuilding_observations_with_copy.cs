using ImpactJournal.Observations;
using ImpactJournal.Tests.Support;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>
/// <c>rebuild-observations</c> writes the observations' read model with COPY instead of Marten's per-document upserts:
/// it must write exactly what Marten's daemon wrote (documents, their versions, the tally and the tables kept from it)
/// for journals with amendments, retractions, consent withdrawals and joint work across alliances; leave everything as
/// it was when it stops half way; and hand over to the daemon, which carries on from the last event it read.
/// </summary>
public sealed class when_rebuilding_observations_with_copy(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "copy-rebuild-steward@example.org";
    private const string Shard = "Observation:All";
    private static readonly string[] Scopes = ["alliance", "commissioners", "public"];

    [Fact]
    public async Task the_command_refuses_and_changes_nothing_while_an_instance_projects()
    {
        // This host's daemon runs the projections and holds their locks, as a running instance does.
        var (a, partner) = await As(Steward).FormAllianceWithEveryRole("copy-refused");
        await As(Steward).LogObservation(a, ObservationBuilder.Body(partnerId: partner));
        await CatchUpProjections();
        var before = await ReadModelAsync();
        var output = new StringWriter();
        Assert.False(await RebuildObservationsCommand.RunAsync(Host.Services, output, CancellationToken.None));
        Assert.Contains("An instance is running the projections, so nothing was rebuilt", output.ToString());
        Assert.Equal(0, await StagedSchemasAsync());
        Assert.Equal(before, await ReadModelAsync());
    }

    [Fact]
    public async Task it_writes_what_the_daemon_wrote_leaves_everything_untouched_when_stopped_and_hands_over_to_the_daemon()
    {
        var steward = As(Steward);
        var (first, firstPartner) = await steward.FormAllianceWithEveryRole("copy-a");
        var second = await steward.FormAlliance("Copy rebuild second alliance");
        Guid[] partners = [await steward.AddPartner(second, "One"), await steward.AddPartner(second, "Two"), await steward.AddPartner(second, "Three")];
        await steward.ImportGenerated(first, firstPartner, rows: 2_500, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(7));
        var changed = await LogAndChangeAsync(steward, second, partners, new Random(7));
        await CatchUpProjections();

        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAgentAsync(Shard);
        try
        {
            var byDaemon = await ReadModelAsync();
            Assert.Equal(2_541, byDaemon.Documents.Count);
            Assert.Contains(byDaemon.Documents, d => d.EndsWith(",4)"));
            Assert.NotEmpty(byDaemon.Pairs);
            Assert.Equal(4, byDaemon.Indexes.Count(i => i.Contains(".mt_doc_observation USING")));
            Assert.Contains(byDaemon.Indexes, i => i.Contains("CREATE STATISTICS"));
            Assert.Contains(byDaemon.Indexes, i => i.Contains("tally_keep"));

            using var stop = new CancellationTokenSource();
            var stopping = Rebuild().RunAsync(stop.Token, new CancelAt(1_000, stop));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping);
            Assert.Equal(byDaemon, await ReadModelAsync());
            Assert.Equal(0, await StagedSchemasAsync());

            var result = await Rebuild().RunAsync(CancellationToken.None);
            Assert.Equal(2_541, result.Documents);
            Assert.Equal(byDaemon, await ReadModelAsync());
            Assert.Contains(byDaemon.Tally, row => row.Contains("2025-05-31"));
            Assert.Equal(0, await ScalarAsync("select count(*) from pg_tables where schemaname = '{0}' and tablename = 'observation_tally_rebuild'"));
            Assert.Equal(0, await StagedSchemasAsync());
            // The replaced tables are what Marten's schema expects: nothing for db-apply to change.
            await Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
            Assert.Equal(await ScalarAsync("select max(seq_id) from {0}.mt_events"),
                await ScalarAsync($"select last_seq_id from {{0}}.mt_event_progression where name = '{Shard}'"));
        }
        finally
        {
            await daemon.StartAgentAsync(Shard, CancellationToken.None);
        }

        var later = await steward.LogObservation(second, ObservationBuilder.Body(partnerId: partners[0]));
        await steward.Post($"/api/alliances/{second}/observations/{changed}/amendments", new { themes = new[] { "after-rebuild" } }, expect: 200);
        await CatchUpProjections();
        var list = await steward.Get($"/api/alliances/{second}/observations?theme=after-rebuild");
        Assert.Equal([changed], list.Ids().Select(Guid.Parse));
        Assert.Contains(later, (await steward.Get($"/api/alliances/{second}/observations?limit=100")).Ids().Select(Guid.Parse));
        Assert.Equal(2_542, (await ReadModelAsync()).Tally.Count);
    }

    private ObservationRebuild Rebuild() => new(Store, Host.Services.GetRequiredService<NpgsqlDataSource>(), NullLogger<ObservationRebuild>.Instance);

    /// <summary>Cancels the rebuild from inside its loop once it has written some documents.</summary>
    private sealed class CancelAt(long documents, CancellationTokenSource stop) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= documents) stop.Cancel();
        }
    }

    /// <summary>Forty observations naming other partners, then amendments (some twice), retractions and withdrawals.</summary>
    private static async Task<Guid> LogAndChangeAsync(Support.Api steward, Guid alliance, Guid[] partners, Random random)
    {
        var url = $"/api/alliances/{alliance}/observations";
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var own = partners[random.Next(partners.Length)];
            ids.Add(await steward.LogObservation(alliance, new
            {
                text = $"Together {i}", observedAt = $"2025-0{1 + random.Next(9)}-{1 + random.Next(28):00}T10:15:00Z",
                themes = new[] { "food", "work" }.Where(_ => random.Next(2) == 0).ToArray(), capitals = new[] { "social" },
                valence = "generative", partnerId = own, consent = new { scope = Scopes[random.Next(3)], identifiable = random.Next(2) == 0 },
                withPartners = partners.Where(p => p != own && random.Next(2) == 0).ToArray()
            }));
        }
        // Half past midnight in summer time is still the day before in UTC, which the tally counts by; themes may hold
        // what CSV and array literals must escape.
        ids.Add(await steward.LogObservation(alliance, new
        {
            text = "Just after midnight", observedAt = "2025-06-01T00:30:00+01:00", themes = new[] { "night", "food, \"fresh\" {}", @"a\b" },
            capitals = new[] { "cultural", "built" }, valence = "generative", partnerId = partners[0],
            consent = new { scope = "commissioners", identifiable = true }
        }));
        foreach (var id in ids.Take(10))
            await steward.Post($"{url}/{id}/amendments", new { capitals = new[] { "political" } }, expect: 200);
        foreach (var id in ids.Skip(5).Take(10))
            await steward.Post($"{url}/{id}/amendments", new { withPartners = partners.Where(_ => random.Next(2) == 0).ToArray() }, expect: 200);
        foreach (var id in ids.Skip(8).Take(6))
            await steward.Post($"{url}/{id}/retraction", new { reason = "logged twice" }, expect: 200);
        foreach (var id in ids.Skip(12).Take(6))
            await steward.Post($"{url}/{id}/consent-withdrawal", new { }, expect: 200);
        return ids[30];
    }

    private sealed record ReadModel(List<string> Documents, List<string> Tally, List<string> Weeks, List<string> Pairs, List<string> Indexes)
    {
        public bool Equals(ReadModel? other) => other is not null && Documents.SequenceEqual(other.Documents) && Tally.SequenceEqual(other.Tally)
                                                && Weeks.SequenceEqual(other.Weeks) && Pairs.SequenceEqual(other.Pairs)
                                                && Indexes.SequenceEqual(other.Indexes);

        public override int GetHashCode() => Documents.Count;
    }

    /// <summary>Every row the rebuild writes, but the moment each document was written, and the indexes, keys, statistics and triggers of the tables it replaces.</summary>
    private async Task<ReadModel> ReadModelAsync() => new(
        await LinesAsync("select tenant_id, id, data, mt_dotnet_type, mt_version from {0}.mt_doc_observation"),
        await LinesAsync("select * from {0}.observation_tally"),
        await LinesAsync("select * from {0}.observation_tally_weeks"),
        await LinesAsync("select * from {0}.observation_tally_pairs"),
        await LinesAsync("select indexdef from pg_indexes where schemaname = '{0}' and tablename like any (array['mt_doc_observation', 'observation_tally%']) " +
                         "union all select pg_get_statisticsobjdef(oid) from pg_statistic_ext where stxrelid = '{0}.mt_doc_observation'::regclass " +
                         "union all select tgname from pg_trigger where tgrelid = '{0}.mt_doc_observation'::regclass"));

    private async Task<List<string>> LinesAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select x::text from ({string.Format(sql, Fixture.Schema)}) as x", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private Task<long> StagedSchemasAsync() => ScalarAsync("select count(*) from pg_namespace where nspname = '{0}_staged'");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(string.Format(sql, Fixture.Schema), connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
