namespace ImpactJournal.Indicators;

/// <summary>One point of an indicator's outline: a reading, or the mean of neighbouring readings of one definition version.</summary>
public sealed record OutlinePoint(DateOnly ObservedOn, double Value, int DefinitionVersion);

/// <summary>
/// An indicator's series reduced to a few dozen points for small trend pictures (the dashboard's), so a
/// list of indicators never reads every reading. Points never mix definition versions: each version keeps
/// its share of the points, at least one, so the picture shows where the definition changed.
/// </summary>
public static class TrendOutline
{
    public const int MaxPoints = 48;

    public static IReadOnlyList<OutlinePoint> Of(IReadOnlyList<Reading> readings)
    {
        if (readings.Count == 0) return [];
        var versions = readings.GroupBy(r => r.DefinitionVersion).OrderBy(g => g.Key).ToList();
        var points = new List<OutlinePoint>();
        foreach (var version in versions)
        {
            var inOrder = version.OrderBy(r => r.ObservedOn).ToList();
            var share = Math.Max(1, (int)Math.Round((double)MaxPoints * inOrder.Count / readings.Count));
            var perPoint = (int)Math.Ceiling((double)inOrder.Count / share);
            for (var start = 0; start < inOrder.Count; start += perPoint)
            {
                var bucket = inOrder.Skip(start).Take(perPoint).ToList();
                points.Add(new OutlinePoint(bucket[bucket.Count / 2].ObservedOn, bucket.Average(r => r.Value), version.Key));
            }
        }
        return points;
    }
}
