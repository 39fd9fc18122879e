using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.Alliances;

public static class AllianceConfiguration
{
    public static void AddAlliances(this StoreOptions opts)
    {
        // Inline, because every alliance-scoped request authorizes against the members it holds.
        opts.Projections.Snapshot<Alliance>(SnapshotLifecycle.Inline);
    }
}
