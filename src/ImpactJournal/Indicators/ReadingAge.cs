namespace ImpactJournal.Indicators;

/// <summary>
/// An indicator's readings under the definition in force, in the few figures a list's words need: how many, the first
/// day and the typical gap between reading days (stored with the indicator, so a dashboard need not read every reading).
/// </summary>
public sealed record ReadingSpan(int Readings, DateOnly? FirstOn, double? TypicalGapDays)
{
    public static ReadingSpan Of(IReadOnlyList<DateOnly> days) =>
        new(days.Count, days.Count == 0 ? null : days.Min(), ReadingAge.TypicalGap(days));
}

/// <summary>
/// Whether an indicator's latest reading is old enough to say so. An indicator has no stated cadence, so its own
/// readings give one: the typical gap is the median number of days between consecutive readings (on different days)
/// of the definition in force, and the latest reading is old once it is more than twice that gap before today. With
/// fewer than two reading days the gap is taken to be a quarter (<see cref="AssumedGapDays"/>), the commonest cadence
/// of an alliance's indicators, so a lone reading is old after half a year.
/// </summary>
public static class ReadingAge
{
    public const int AssumedGapDays = 91;

    /// <summary>The median gap in days between consecutive reading days, or null under two reading days.</summary>
    public static double? TypicalGap(IEnumerable<DateOnly> days)
    {
        var distinct = days.Select(d => d.DayNumber).Distinct().Order().ToList();
        if (distinct.Count < 2) return null;
        return TrendMethod.Median([.. distinct.Zip(distinct.Skip(1), (a, b) => (double)(b - a))]);
    }

    /// <summary>"the latest reading is 13 months old" when it is older than twice the typical gap; otherwise null.</summary>
    public static string? Warning(DateOnly latest, double? typicalGapDays, DateOnly today)
    {
        var age = today.DayNumber - latest.DayNumber;
        if (age <= 2 * (typicalGapDays ?? AssumedGapDays)) return null;
        var months = (today.Year - latest.Year) * 12 + today.Month - latest.Month - (today.Day < latest.Day ? 1 : 0);
        var old = months >= 2 ? $"{months} months" : age >= 14 ? $"{age / 7} weeks" : $"{age} days";
        return $"the latest reading is {old} old";
    }
}
