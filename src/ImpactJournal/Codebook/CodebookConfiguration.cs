using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.Codebook;

public static class CodebookConfiguration
{
    /// <summary>The codebook is read by every list and count, so it is kept inline: a rename is read back at once.</summary>
    public static void AddCodebook(this StoreOptions opts)
    {
        opts.Projections.Snapshot<AllianceCodebook>(SnapshotLifecycle.Inline);
        opts.AddCodebookMasking();
    }
}
