using Marten.Schema.Indexing.Unique;
using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.Observations;

public static class ObservationConfiguration
{
    public static void AddObservations(this StoreOptions opts, int projectionBatch)
    {
        // Asynchronous, to keep the write path to one small insert; single reads fetch live.
        opts.Projections.Snapshot<Observation>(SnapshotLifecycle.Async, async => async.BatchSize = projectionBatch);
        // No GIN index over the whole document: it cost about a tenth of the append rate, and the
        // theme and capital filters only scan one alliance's observations.
        // The list's order (observed, then journal sequence) and "my entries" (by who logged it, newest
        // first) each read one index range instead of sorting an alliance's whole journal.
        // Both carry the alliance (tenant) too, so one index range answers a query instead of two bitmaps combined.
        opts.Schema.For<Observation>()
            .Index(o => new { o.ObservedAt, o.Sequence }, index => index.TenancyScope = TenancyScope.PerTenant)
            .Index(o => new { o.LoggedBy, o.LoggedAt }, index => index.TenancyScope = TenancyScope.PerTenant)
            .Index(o => o.PartnerId);

        opts.Events.AddMaskingRuleForProtectedInformation<ObservationLogged>(e => e with { Text = "", Place = null, Themes = [] });
        opts.Events.AddMaskingRuleForProtectedInformation<ObservationAmended>(e => e with { Text = null, Themes = null });
        opts.Events.AddMaskingRuleForProtectedInformation<ObservationRetracted>(e => e with { Reason = "" });
        // Withdrawal reasons are no longer stored; this clears those recorded before that.
        opts.Events.AddMaskingRuleForProtectedInformation<ObservationConsentWithdrawn>(e => e with { Reason = null });
    }
}
