using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;

namespace ImpactJournal.Journal;

/// <summary>
/// Finishes consent withdrawals that a crash, an outage or a failed audit append left half done:
/// masks the stream's stored events again (idempotent) and appends the audit if it is missing, so
/// the read models are erased too. Looks every <c>Consent:SweepSeconds</c>
/// (default 30) at erasures pending longer than that.
/// </summary>
public sealed class ConsentErasureSweeper(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<ConsentErasureSweeper> logger) : BackgroundService
{
    private TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Consent:SweepSeconds", 30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Waiting first leaves start-up (schema checks, the daemon) undisturbed.
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            if (stoppingToken.IsCancellationRequested) break;
            try
            {
                await SweepAsync(clock.GetUtcNow() - Interval, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Pending consent erasures could not be finished yet ({Reason}); trying again later", e.Message);
            }
        }
    }

    /// <summary>Finishes every erasure requested before <c>requestedBefore</c>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset requestedBefore, CancellationToken ct)
    {
        IReadOnlyList<PendingErasure> pending;
        // Pending erasures of every alliance: this one query deliberately looks across tenants.
        await using (var everywhere = store.QuerySession())
            pending = await everywhere.Query<PendingErasure>().Where(p => p.AnyTenant() && p.RequestedAt < requestedBefore).ToListAsync(ct);
        foreach (var erasure in pending) await FinishAsync(erasure.Alliance, erasure, ct);
        return pending.Count;
    }

    private async Task FinishAsync(string tenant, PendingErasure erasure, CancellationToken ct)
    {
        await ConsentErasure.EraseStreamAsync(store, Guid.Parse(tenant), erasure.Id, ct);
        await using var session = store.LightweightSession(tenant);
        session.LastModifiedBy = erasure.RequestedBy;
        var events = await session.Events.FetchStreamAsync(erasure.Id, token: ct);
        var withdrawn = events.Any(e => e.Data is ObservationConsentWithdrawn or StoryConsentWithdrawn);
        // The expected version makes a request finishing the same erasure at this moment win, not duplicate.
        if (events.Count > 0 && !withdrawn) session.Events.Append(erasure.Id, events[^1].Version + 1, ConsentWithdrawals.Audit(erasure.Kind));
        session.Delete<PendingErasure>(erasure.Id);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Finished a pending consent erasure of {Kind} {StreamId}", erasure.Kind, erasure.Id);
    }
}
