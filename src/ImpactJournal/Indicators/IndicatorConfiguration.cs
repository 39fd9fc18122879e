using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.Indicators;

public static class IndicatorConfiguration
{
    public const int Name = 200;
    public const int Question = 1000;
    public const int Method = 4000;
    public const int ProposedBy = 200;
    public const int Narrative = 4000;
    public const int Source = 500;
    public const int Note = 4000;
    public const int Reason = 2000;
    public const double MaxMagnitude = 1e12;

    public static void AddIndicators(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Indicator>(SnapshotLifecycle.Inline);
    }
}
