using System.Runtime.InteropServices;

namespace ImpactJournal.Indicators;

public enum TrendDirection
{
    Rising,
    Falling,
    Steady,
    InsufficientData
}

public sealed record TrendFit(TrendDirection Direction, double? SlopePerDay, double? ChangeOverSpan, double? NoiseBand);

/// <summary>
/// Direction of travel from a robust line through the readings, never against a target. The slope is
/// Theil–Sen's (the median of the slopes between every pair of readings on different days), so a
/// few odd readings cannot swing it. The noise band is twice the spread of the residuals around that
/// line (1.4826 × their median absolute deviation, a robust standard deviation). The series is
/// <c>rising</c> or <c>falling</c> when the line's change over the whole span of readings is larger
/// than the noise band, otherwise <c>steady</c>; under 3 readings (or all on one day) it is
/// <c>insufficient-data</c>. The work is bounded: up to <see cref="MaxPairs"/> pairs every pair counts
/// (exact Theil–Sen, which covers any series of up to 707 readings); beyond that the median is taken
/// over that many pairs drawn with a fixed seed, so the same readings always give the same answer.
/// </summary>
public static class TrendMethod
{
    public const int MinimumReadings = 3;
    public const int MaxPairs = 250_000;

    public const string Description =
        "Theil–Sen slope (median of pairwise slopes per day) over the current definition version's readings; " +
        "noise band = 2 × 1.4826 × median absolute deviation of the residuals; rising/falling when the fitted change " +
        "over the span of readings exceeds the noise band, otherwise steady; insufficient-data under 3 readings.";

    public static TrendFit Fit(IReadOnlyList<(DateOnly On, double Value)> readings)
    {
        if (readings.Count < MinimumReadings) return new TrendFit(TrendDirection.InsufficientData, null, null, null);
        var first = readings.Min(r => r.On.DayNumber);
        var x = readings.Select(r => (double)(r.On.DayNumber - first)).ToArray();
        var y = readings.Select(r => r.Value).ToArray();
        var span = x.Max();
        if (span == 0) return new TrendFit(TrendDirection.InsufficientData, null, null, null);

        var slope = Median(PairSlopes(x, y));
        var intercept = Median(y.Select((v, i) => v - slope * x[i]).ToList());
        var residuals = y.Select((v, i) => v - (intercept + slope * x[i])).ToList();
        var centre = Median(residuals);
        var noise = 2 * 1.4826 * Median(residuals.Select(r => Math.Abs(r - centre)).ToList());

        var change = slope * span;
        var direction = Math.Abs(change) <= noise || change == 0 ? TrendDirection.Steady
            : change > 0 ? TrendDirection.Rising : TrendDirection.Falling;
        return new TrendFit(direction, slope, change, noise);
    }

    /// <summary>The slopes between readings on different days: all pairs, or a fixed-seed sample of <see cref="MaxPairs"/>.</summary>
    private static List<double> PairSlopes(double[] x, double[] y)
    {
        var n = x.Length;
        var sameDay = x.GroupBy(v => v).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        var pairs = (long)n * (n - 1) / 2 - sameDay;
        if (pairs <= MaxPairs)
        {
            var all = new List<double>((int)pairs);
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                    if (x[i] != x[j]) all.Add((y[j] - y[i]) / (x[j] - x[i]));
            return all;
        }
        // Pairs on one day are redrawn; they are at most a fraction 1 - MaxPairs/pairs of all, so this ends quickly.
        var random = new Random(n);
        var sample = new List<double>(MaxPairs);
        while (sample.Count < MaxPairs)
        {
            int i = random.Next(n), j = random.Next(n);
            if (x[i] != x[j]) sample.Add((y[j] - y[i]) / (x[j] - x[i]));
        }
        return sample;
    }

    /// <summary>The median, found by selection rather than sorting (a trend takes the median of thousands of slopes); reorders the values.</summary>
    public static double Median(List<double> values)
    {
        var span = CollectionsMarshal.AsSpan(values);
        var middle = span.Length / 2;
        var upper = Select(span, middle);
        // After the selection nothing before the middle is larger, so the lower middle is the largest of those.
        return span.Length % 2 == 1 ? upper : (Max(span[..middle]) + upper) / 2;
    }

    /// <summary>Hoare's selection: rearranges the values so that the k-th smallest is at k and returns it.</summary>
    private static double Select(Span<double> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[left + (right - left) / 2];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i > j) break;
                (values[i], values[j]) = (values[j], values[i]);
                i++;
                j--;
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return values[k];
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var value in values) max = Math.Max(max, value);
        return max;
    }
}
