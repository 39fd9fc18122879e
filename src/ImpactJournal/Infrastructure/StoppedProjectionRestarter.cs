using JasperFx;
using JasperFx.Events.Daemon;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Starts again a projection whose agent Marten's daemon stopped for good. An agent whose batch finds the projection's
/// stored progress moved by someone else (ProgressionProgressOutOfOrderException) is stopped, not paused; that can follow
/// a batch that committed as the database went down without its acknowledgement reaching the agent, or a replaced
/// agent's last batch committing behind its successor's back. The daemon's coordinator starts again only paused or missing
/// agents, so a stopped one stayed registered and its projection stood still, events waiting, until the service was
/// restarted. This takes such an agent out of the daemon; the coordinator, which still holds the projection's lock,
/// starts a fresh one from the stored progress on its next look (as a restart of the service would).
/// </summary>
public sealed class StoppedProjectionRestarter(IProjectionCoordinator coordinator, IConfiguration configuration,
    ILogger<StoppedProjectionRestarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(JournalStore.RecoveryPolling(configuration));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A failed look must not stop the host (a background service's exception does): the next one tries again.
                try { RestartStopped(coordinator.DaemonForMainDatabase()); }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Could not look for stopped projections"); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void RestartStopped(IProjectionDaemon daemon)
    {
        foreach (var agent in daemon.CurrentAgents().Where(a => a.Status == AgentStatus.Stopped))
        {
            logger.LogWarning("Projection {Projection} was stopped at event {Position} ({Reason}); starting it again from its stored progress",
                agent.Name.Identity, agent.Position, agent.Failure is { } failure ? $"{failure.Category}: {failure.Message}" : "no reason given");
            daemon.EjectPausedShard(agent.Name.Identity);
        }
    }
}
