namespace ImpactJournal.Observations;

public static class ObservationLimits
{
    public const int Text = 4000;
    public const int Place = 200;
    public const int Reason = 2000;

    /// <summary>Clocks differ; an observation a day ahead of the server is still believable.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);
}
