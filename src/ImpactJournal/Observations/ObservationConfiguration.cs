using Marten.Schema.Indexing.Unique;
using JasperFx.Events.Projections;
using ImpactJournal.Infrastructure;
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
        // The list's order (observed, then journal sequence) and "my entries" (by who logged it, newest first) each
        // read one index range. The alliance comes first in every index, so a page reads only that alliance's range
        // however large the other alliances are. The moments are indexed from columns of their own (see
        // Observation.ObservedAtUtc): each column's own index, given the alliance and the rest of the list's order.
        opts.Schema.For<Observation>()
            .StartIndexesByTenantId()
            .Duplicate(o => o.ObservedAtUtc, configure: index => index.Mask = "tenant_id, ?, CAST(data ->> 'sequence' as bigint)")
            .Duplicate(o => o.LoggedAtUtc, configure: index => index.Mask = "tenant_id, (data ->> 'loggedBy'), ?")
            .Index(o => new { o.PartnerId, o.ObservedAtUtc })
            // The stream version the document was projected at, read into Observation.Version (documents projected
            // before Version existed have it only in this column).
            .Metadata(m => m.Revision.MapTo(o => o.Version));
        // The list hides retracted, withdrawn and unreadable entries: figures for those conditions let the planner
        // see they keep nearly every row, so it reads the index above in order instead of sorting the journal.
        opts.Storage.Add(new DocumentStatistics<Observation>(opts, "visibility",
            "data ->> 'retraction'", "data ->> 'withdrawnAt'", "(data -> 'consent') ->> 'scope'"));
        opts.Storage.Add(new ObservationTallyFeature(opts));

        opts.Events.AddMaskingRuleForProtectedInformation<ObservationLogged>(e => e with { Text = "", Place = null, Themes = [] });
        opts.Events.AddMaskingRuleForProtectedInformation<ObservationAmended>(e => e with { Text = null, Place = null, Themes = null });
        opts.Events.AddMaskingRuleForProtectedInformation<ObservationRetracted>(e => e with { Reason = "" });
        // Withdrawal reasons are no longer stored; this clears those recorded before that.
        opts.Events.AddMaskingRuleForProtectedInformation<ObservationConsentWithdrawn>(e => e with { Reason = null });
    }
}
