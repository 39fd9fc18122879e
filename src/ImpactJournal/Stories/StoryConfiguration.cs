using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.Stories;

public static class StoryConfiguration
{
    public const int Title = 200;
    public const int Narrative = 20_000;
    public const int TellerRole = 100;
    public const int DomainOfChange = 200;
    public const int Panel = 200;
    public const int Reason = 2000;

    public static void AddStories(this StoreOptions opts, int projectionBatch)
    {
        opts.Projections.Snapshot<Story>(SnapshotLifecycle.Async, async => async.BatchSize = projectionBatch);
        // The alliance first in every index: a list, or the stories selected for a review summary, reads only that
        // alliance's range however many stories the others hold.
        opts.Schema.For<Story>().StartIndexesByTenantId().Index(s => s.ToldOn).Index(s => s.PartnerId);
        opts.Storage.Add(new Patterns.StorySignifierFeature(opts));

        opts.Events.AddMaskingRuleForProtectedInformation<StoryTold>(e => e with
        {
            Title = "",
            Narrative = "",
            TellerRole = "",
            DomainOfChange = null,
            Signifiers = Signifiers.None,
            Themes = null
        });
        opts.Events.AddMaskingRuleForProtectedInformation<StorySelected>(e => e with { Reason = "" });
        // Withdrawal reasons are no longer stored; this clears those recorded before that.
        opts.Events.AddMaskingRuleForProtectedInformation<StoryConsentWithdrawn>(e => e with { Reason = null });
    }
}
