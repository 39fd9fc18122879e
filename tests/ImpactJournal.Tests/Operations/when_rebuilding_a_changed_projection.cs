using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Alba;
using ImpactJournal.Infrastructure;
using ImpactJournal.Observations;
using ImpactJournal.Tests.Support;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// Changing a projection without downtime: the new release gives it a new version, which Marten builds in tables
/// of its own (<c>mt_doc_observation_2</c>, progression <c>Observation:V2:All</c>) while the running release keeps
/// serving from the old ones. The new instance answers /health/ready with 503 until its projections have caught up,
/// so the proxy moves reads to it only then. Here the shared test host is the running release ("blue"), a second
/// host with the observation projection's version raised is the new one ("green"), and a router sends reads where a
/// proxy checking readiness would.
/// </summary>
public sealed class when_rebuilding_a_changed_projection(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "bluegreen-steward@example.org";
    private const double ReadyLagSeconds = 2;
    private const double PollSeconds = 0.2;
    private static readonly DateTimeOffset FirstWrite = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Read(DateTimeOffset Started, string Instance, int Status, int Items, DateTimeOffset? Newest);

    [Fact]
    public async Task the_new_version_is_built_beside_the_old_and_reads_move_to_it_only_once_it_has_caught_up()
    {
        var steward = As(Steward);
        var alliance = await steward.FormAlliance("Blue green alliance");
        var partner = await steward.AddPartner(alliance);
        await steward.ImportGenerated(alliance, partner, rows: 4_000, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1));
        await CatchUpProjections();

        IAlbaHost? green = null;
        var router = new Router(Host);
        var acknowledged = new ConcurrentQueue<(DateTimeOffset At, DateTimeOffset ObservedAt)>();
        var reads = new ConcurrentQueue<Read>();
        var readiness = new List<(int Status, string Body)>();
        using var stop = new CancellationTokenSource();
        try
        {
            var writer = WriteAsync(steward, alliance, partner, acknowledged, stop.Token);
            var readers = Enumerable.Range(0, 2).Select(_ => ReadAsync(router, alliance, reads, stop.Token)).ToList();
            await Task.Delay(500);

            green = await AlbaHost.For<Program>(builder => builder
                .UseEnvironment("Testing")
                .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Projections:ReadyLagSeconds"] = $"{ReadyLagSeconds}",
                    ["Projections:LagPollMilliseconds"] = $"{PollSeconds * 1000}"
                }))
                .ConfigureLogging(logging => logging.ClearProviders())
                .ConfigureServices(services => services.ConfigureMarten(WithObservationVersion2)));
            // As db-apply would before the release starts; green's daemon may be creating the same tables as it starts.
            try { await green.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync(); }
            catch (Marten.Exceptions.MartenSchemaException)
            {
                await green.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            }

            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(90))
            {
                var probe = await new Support.Api(green, null).SendRaw(HttpMethod.Get, "/health/ready", null);
                readiness.Add((probe.Status, probe.Body));
                if (probe.Status == 200) break;
                await Task.Delay(TimeSpan.FromSeconds(PollSeconds / 2));
            }
            Assert.Equal(200, readiness[^1].Status);
            router.SwitchTo(green, "green");
            // Reads go on against green under the same writes until enough have been answered (a busy machine is slower).
            var switched = Stopwatch.StartNew();
            while (reads.Count(r => r.Instance == "green") < 10 && switched.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(100);
            await stop.CancelAsync();
            await writer;
            await Task.WhenAll(readers);

            var greenDocuments = ObservationTally.DocumentTable(green.Services.GetRequiredService<IDocumentStore>().Options);
            Assert.Equal("mt_doc_observation_2", greenDocuments.Name);
            Assert.Contains(readiness, r => r.Status == 503 && r.Body.Contains("Catching up: Observation:V2"));

            Assert.Contains(reads, r => r.Instance == "blue");
            Assert.True(reads.Count(r => r.Instance == "green") >= 10, $"{reads.Count(r => r.Instance == "green")} reads reached green");
            Assert.All(reads, r => Assert.Equal(200, r.Status));
            Assert.All(reads, r => Assert.True(r.Items > 0, $"{r.Instance} answered an empty list at {r.Started:O}"));
            // Stale beyond the stated lag: a write acknowledged longer ago than the readiness bound (plus one
            // measurement interval and the router's switch) must be in every later read.
            var bound = TimeSpan.FromSeconds(ReadyLagSeconds + PollSeconds + 1);
            var writes = acknowledged.ToArray();
            foreach (var read in reads)
            {
                var due = writes.Where(w => w.At < read.Started - bound).Select(w => w.ObservedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
                Assert.True(read.Newest >= due, $"{read.Instance} at {read.Started:O} showed {read.Newest:O}, but {due:O} was acknowledged more than {bound.TotalSeconds} s before");
            }

            await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand($"select (select count(*) from {Fixture.Schema}.mt_doc_observation), (select count(*) from {Fixture.Schema}.mt_doc_observation_2)", connection);
            await green.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
            await CatchUpProjections();
            await using var counted = await count.ExecuteReaderAsync();
            await counted.ReadAsync();
            Assert.Equal(counted.GetInt64(0), counted.GetInt64(1));
        }
        finally
        {
            await stop.CancelAsync();
            if (green is not null)
            {
                await green.StopAsync();
                await green.DisposeAsync();
            }
            await DropVersion2Async();
        }
    }

    private static void WithObservationVersion2(StoreOptions options)
    {
        Assert.True(options.Projections.TryFindAggregate(typeof(Observation), out var projection));
        ((ProjectionBase)projection).Version = 2;
    }

    private static async Task WriteAsync(Support.Api steward, Guid alliance, Guid partner,
        ConcurrentQueue<(DateTimeOffset At, DateTimeOffset ObservedAt)> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var observedAt = FirstWrite.AddMinutes(n);
            await steward.Post($"/api/alliances/{alliance}/observations",
                ObservationBuilder.Body(observedAt: observedAt.ToString("O"), partnerId: partner));
            acknowledged.Enqueue((DateTimeOffset.UtcNow, observedAt));
            try { await Task.Delay(20, stop); } catch (OperationCanceledException) { }
        }
    }

    private static async Task ReadAsync(Router router, Guid alliance, ConcurrentQueue<Read> reads, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var (host, name) = router.Current;
            var started = DateTimeOffset.UtcNow;
            var (status, _, body, _) = await new Support.Api(host, Steward).SendRaw(HttpMethod.Get, $"/api/alliances/{alliance}/observations?limit=1", null);
            var items = status == 200 ? JsonNode.Parse(body)!["items"]!.AsArray() : [];
            reads.Enqueue(new Read(started, name, status, items.Count,
                items.Count > 0 ? DateTimeOffset.Parse(items[0]!["observedAt"]!.GetValue<string>()) : null));
            try { await Task.Delay(25, stop); } catch (OperationCanceledException) { }
        }
    }

    private async Task DropVersion2Async()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"""
            drop table if exists {Fixture.Schema}.mt_doc_observation_2 cascade;
            drop table if exists {Fixture.Schema}.observation_2_tally cascade;
            drop function if exists {Fixture.Schema}.observation_2_tally_keep() cascade;
            drop function if exists {Fixture.Schema}.observation_2_tally_clear() cascade;
            delete from {Fixture.Schema}.mt_event_progression where name like 'Observation:V2%';
            """, connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Where a proxy checking readiness would send the next read.</summary>
    private sealed class Router(IAlbaHost blue)
    {
        private sealed record Target(IAlbaHost Host, string Name);
        private volatile Target _current = new(blue, "blue");
        public (IAlbaHost Host, string Name) Current => (_current.Host, _current.Name);
        public void SwitchTo(IAlbaHost host, string name) => _current = new Target(host, name);
    }
}
