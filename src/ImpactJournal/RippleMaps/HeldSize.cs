namespace ImpactJournal.RippleMaps;

/// <summary>
/// What a held map costs in memory, estimated from what it holds: a ripple's strings and records, a link, a
/// session, each version's timestamp, and the view, placement, picture and JSON once they are made. Estimates
/// lean high (object headers, dictionary nodes), so a budget in bytes is kept rather than approached.
/// </summary>
public static class HeldSize
{
    public static long Of(RippleMap map) =>
        1024 + 2L * (map.Focus.Length + (map.Description?.Length ?? 0))
        + map.Nodes.Values.Sum(n => 900L + 2L * (n.Label.Length + (n.Description?.Length ?? 0)) + 64L * n.Evidence.Count + 160L * n.Codings.Count)
        + 600L * map.Links.Count + 1000L * map.Sessions.Count;

    /// <summary>The timeline: a timestamp per version, and each checkpoint by the nodes it does not share with the next.</summary>
    public static long Of(RippleMapStates.MapTimeline timeline) =>
        72L * timeline.ReachedAt.Count + timeline.Checkpoints.Count * (long)RippleMapStates.CheckpointEvery * 300;

    public static long Of(RippleMapView view) => 1024 + view.Nodes.Count * 700L + view.Links.Count * 400L;

    public static long Of(RippleLayout.Placement layout) => 1024 + layout.Positions.Count * 200L;

    public static long OfText(string text) => 24 + 2L * text.Length;
}
