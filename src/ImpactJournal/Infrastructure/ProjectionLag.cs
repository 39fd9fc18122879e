using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ImpactJournal.Infrastructure;

/// <summary>How far one asynchronous projection is behind the journal.</summary>
/// <param name="Projection">The projection shard, as the daemon names it.</param>
/// <param name="Seconds">Age of the oldest event it has not processed yet (0 when caught up).</param>
/// <param name="Events">Events appended after the last one it processed.</param>
public sealed record ProjectionBehind(string Projection, double Seconds, long Events);

/// <summary>
/// Measures every asynchronous projection's lag from the journal itself (so every instance reports the
/// same figure, whichever runs the daemon), once per <c>Projections:LagPollMilliseconds</c>. Published as
/// the gauges <c>impactjournal.projection.lag</c> (seconds) and <c>impactjournal.projection.lag_events</c>,
/// and part of <c>/health/ready</c>: not ready until every projection has once been within
/// <c>Projections:ReadyLagSeconds</c> (a new version of a projection being built beside the old one keeps this
/// instance out of the proxy's rotation until it has caught up), then degraded above <c>Projections:LagDegradedSeconds</c>.
/// </summary>
public sealed class ProjectionLag : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string[] _shards;
    private readonly string _schema;
    private readonly TimeSpan _every;
    private readonly ILogger<ProjectionLag> _logger;

    public ProjectionLag(NpgsqlDataSource dataSource, IDocumentStore store, IConfiguration configuration, ILogger<ProjectionLag> logger)
    {
        _dataSource = dataSource;
        _shards = [.. ((DocumentStore)store).Options.Projections.AllShards().Select(s => s.Name.Identity)];
        _schema = JournalStore.SchemaName(configuration);
        _every = TimeSpan.FromMilliseconds(configuration.GetValue("Projections:LagPollMilliseconds", 1000));
        DegradedAbove = TimeSpan.FromSeconds(configuration.GetValue("Projections:LagDegradedSeconds", 30.0));
        ReadyWithin = TimeSpan.FromSeconds(configuration.GetValue("Projections:ReadyLagSeconds", 5.0));
        _logger = logger;
        JournalInstruments.Meter.CreateObservableGauge("impactjournal.projection.lag",
            () => Latest.Select(p => new Measurement<double>(p.Seconds, new KeyValuePair<string, object?>("projection", p.Projection))),
            unit: "s", description: "Age of the oldest event an asynchronous projection has not processed yet");
        JournalInstruments.Meter.CreateObservableGauge("impactjournal.projection.lag_events",
            () => Latest.Select(p => new Measurement<long>(p.Events, new KeyValuePair<string, object?>("projection", p.Projection))),
            description: "Events appended after the last one an asynchronous projection processed");
    }

    public TimeSpan DegradedAbove { get; }

    public TimeSpan ReadyWithin { get; }

    /// <summary>Every projection has been within <see cref="ReadyWithin"/> at least once since this instance started.</summary>
    public bool CaughtUpOnce { get; private set; }

    public ImmutableArray<ProjectionBehind> Latest { get; private set; } = [];

    public DateTimeOffset? MeasuredAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Latest = await MeasureAsync(stoppingToken);
                MeasuredAt = DateTimeOffset.UtcNow;
                if (!CaughtUpOnce && Latest.All(p => p.Seconds <= ReadyWithin.TotalSeconds))
                {
                    CaughtUpOnce = true;
                    _logger.LogInformation("Every projection is within {ReadySeconds} s of the journal: ready for traffic", ReadyWithin.TotalSeconds);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The outage is reported by readiness and the outage log; the lag is simply unknown meanwhile.
                _logger.LogDebug(e, "Could not measure projection lag");
            }
            try { await Task.Delay(_every, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<ImmutableArray<ProjectionBehind>> MeasureAsync(CancellationToken ct)
    {
        // A projection the daemon never started has no progression row yet: it is behind by the whole journal.
        // mt_events' primary key makes both lookups index reads.
        await using var command = _dataSource.CreateCommand($"""
            select shard.name,
                   coalesce(extract(epoch from now() - (select e.timestamp from {_schema}.mt_events e
                                                        where e.seq_id > coalesce(p.last_seq_id, 0) order by e.seq_id limit 1)), 0),
                   greatest(coalesce((select max(seq_id) from {_schema}.mt_events), 0) - coalesce(p.last_seq_id, 0), 0)
            from unnest(@shards) as shard(name)
            left join {_schema}.mt_event_progression p on p.name = shard.name
            order by shard.name
            """);
        command.Parameters.AddWithValue("shards", _shards);
        var measured = ImmutableArray.CreateBuilder<ProjectionBehind>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                measured.Add(new ProjectionBehind(reader.GetString(0), Math.Max(0, (double)reader.GetDecimal(1)), reader.GetInt64(2)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
        return measured.ToImmutable();
    }
}

/// <summary>
/// Not ready until the projections have caught up once since start (a fresh instance, or one built with a new
/// version of a projection, takes no traffic while its read models are empty or far behind); afterwards ready, but
/// degraded while an asynchronous projection is further behind than the configured threshold — a burst of writes
/// must not take every instance out of rotation at once.
/// </summary>
public sealed class ProjectionLagCheck(ProjectionLag lag) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var latest = lag.Latest;
        var data = latest.ToDictionary(p => p.Projection, p => (object)new { seconds = Math.Round(p.Seconds, 3), events = p.Events });
        var worst = latest.OrderByDescending(p => p.Seconds).FirstOrDefault();
        if (!lag.CaughtUpOnce)
            return Task.FromResult(HealthCheckResult.Unhealthy(lag.MeasuredAt is null || worst is null
                ? "Catching up: projection lag not measured yet."
                : $"Catching up: {worst.Projection} is {worst.Seconds:0.0} s ({worst.Events:N0} events) behind the journal; ready within {lag.ReadyWithin.TotalSeconds:0.#} s.", data: data));
        if (worst is null || worst.Seconds <= lag.DegradedAbove.TotalSeconds)
            return Task.FromResult(HealthCheckResult.Healthy($"Projections are at most {worst?.Seconds ?? 0:0.0} s behind.", data));
        return Task.FromResult(HealthCheckResult.Degraded(
            $"{worst.Projection} is {worst.Seconds:0.0} s behind the journal (degraded above {lag.DegradedAbove.TotalSeconds:0} s).", data: data));
    }
}
