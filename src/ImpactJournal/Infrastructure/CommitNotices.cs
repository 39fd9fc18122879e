using ImpactJournal.Alliances;
using ImpactJournal.RippleMaps;
using Marten;
using Marten.Services;
using Npgsql;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Tells every other instance of the service on the same database, through PostgreSQL's NOTIFY, which ripple maps
/// (and alliances) a commit changed, so that their live map listeners are woken. The notice is sent before the writing request is
/// answered; should it fail (the write has committed), live maps look again on their own.
/// </summary>
public sealed class CommitNotices(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<CommitNotices> logger) : DocumentSessionListenerBase
{
    /// <summary>This process; an instance ignores the notices it sent itself (it has acted on them already).</summary>
    public static readonly string Instance = Guid.NewGuid().ToString("N");

    // NOTIFY payloads are limited to 8,000 bytes; a commit touching more streams sends several notices.
    private const int StreamsPerNotice = 150;

    public static string Channel(IConfiguration configuration) => $"{JournalStore.SchemaName(configuration)}_changes";

    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var changed = commit.GetStreams().Select(Describe).OfType<string>().Distinct().ToList();
        foreach (var chunk in changed.Chunk(StreamsPerNotice))
        {
            try
            {
                await using var notify = dataSource.CreateCommand("select pg_notify(@channel, @payload)");
                notify.Parameters.AddWithValue("channel", Channel(configuration));
                notify.Parameters.AddWithValue("payload", $"{Instance} {string.Join(' ', chunk)}");
                await notify.ExecuteNonQueryAsync(token);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Could not tell other instances about a committed change ({Reason})", e.Message);
            }
        }
    }

    private static string? Describe(JasperFx.Events.StreamAction stream)
    {
        // Instances of earlier releases evict their cached alliance on these; sent until no such release runs.
        if (stream.AggregateType == typeof(Alliance)) return $"alliance:{stream.Id}";
        return stream.Events.Any(e => e.EventType.Namespace == typeof(RippleMap).Namespace) ? $"map:{stream.Id}" : null;
    }
}

/// <summary>Listens for the other instances' <see cref="CommitNotices"/> and acts on them here.</summary>
public sealed class CommitNoticeListener(
    NpgsqlDataSource dataSource, IConfiguration configuration, MapChangeSignals signals,
    ILogger<CommitNoticeListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WakeToCheckStopping = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deaf = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notice) => Act(notice.Payload);
                await using (var listen = new NpgsqlCommand($"listen \"{CommitNotices.Channel(configuration)}\"", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Whatever was committed while this instance was not listening is unknown: wake every live map.
                signals.ChangedAll();
                if (deaf) logger.LogInformation("Hearing other instances' changes again");
                deaf = false;
                await HearAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                if (!deaf) logger.LogWarning("Not hearing other instances' changes ({Reason}); trying every {Seconds} s", e.Message, ReconnectAfter.TotalSeconds);
                deaf = true;
                try { await Task.Delay(ReconnectAfter, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>
    /// Waits for notices on a thread of its own, blocked on the connection's socket: a notice is acted on as soon as it
    /// arrives, not when a busy thread pool gets round to it (live boards are to show another instance's ripple within 1 s).
    /// </summary>
    private static Task HearAsync(NpgsqlConnection connection, CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() =>
        {
            while (!stoppingToken.IsCancellationRequested) connection.Wait(WakeToCheckStopping);
        }, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Act(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] == CommitNotices.Instance) return;
        foreach (var part in parts.Skip(1))
        {
            var (kind, id) = (part.Split(':')[0], part.Split(':').ElementAtOrDefault(1));
            if (!Guid.TryParse(id, out var streamId)) continue;
            if (kind == "map") signals.Changed(streamId);
        }
    }
}
