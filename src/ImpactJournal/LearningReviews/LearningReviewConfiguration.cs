using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.LearningReviews;

public static class LearningReviewConfiguration
{
    public const int Title = 200;
    public const int Question = 1000;
    public const int MaxQuestions = 30;
    public const int Text = 4000;
    public const int Owner = 200;
    public const int Summary = 20_000;

    public static void AddLearningReviews(this StoreOptions opts)
    {
        opts.Projections.Snapshot<LearningReview>(SnapshotLifecycle.Inline);
        opts.Schema.For<LearningReview>().Index(r => r.PeriodEnd);
    }
}
