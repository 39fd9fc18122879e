using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.Commons;

public static class CommonsConfiguration
{
    public static void AddCommons(this StoreOptions opts)
    {
        // The alliance's own record of what it published and its place in the commons: tenanted like every document.
        opts.Projections.Snapshot<CommonsPublication>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<CommonsMembership>(SnapshotLifecycle.Inline);

        // The commons itself is shared by every alliance: stored outside every tenant, filled only by the shelf below.
        opts.Schema.For<CommonsItem>().SingleTenanted().Duplicate(i => i.AllianceId).Duplicate(i => i.PublishedAt).GinIndexJsonData();
        opts.Schema.For<CommonsAlliance>().SingleTenanted();
        opts.Projections.Add(new CommonsShelf(), ProjectionLifecycle.Inline);

        // A teller's withdrawal erases the copy of their story kept in its publication's stream (ConsentErasure includes it).
        opts.Events.AddMaskingRuleForProtectedInformation<PublishedToCommons>(e => e with { Entry = e.Entry.Erased() });
    }
}
