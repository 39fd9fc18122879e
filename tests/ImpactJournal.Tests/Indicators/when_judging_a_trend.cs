using ImpactJournal.Indicators;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.Indicators;

/// <summary>The direction method on series whose answer can be checked by hand.</summary>
public sealed class when_judging_a_trend
{
    private static readonly DateOnly Start = new(2025, 1, 6);

    private static List<(DateOnly, double)> Weekly(params double[] values) =>
        [.. values.Select((v, i) => (Start.AddDays(7 * i), v))];

    [Fact]
    public void a_long_series_is_judged_from_a_bounded_sample_with_the_same_answer_every_time()
    {
        // 5,000 daily readings: 12.5 million pairs, far more than are looked at; slope 0.3 a day under ±20 wobble.
        var wobble = new Random(7);
        var readings = Enumerable.Range(0, 5000).Select(d => (Start.AddDays(d), 0.3 * d + wobble.Next(-20, 21))).ToList();
        var fit = TrendMethod.Fit(readings);
        Assert.Equal(TrendDirection.Rising, fit.Direction);
        Assert.InRange(fit.SlopePerDay!.Value, 0.297, 0.303);
        Assert.Equal(fit, TrendMethod.Fit(readings));

        var flat = TrendMethod.Fit(readings.Select(r => (r.Item1, (double)wobble.Next(-20, 21))).ToList());
        Assert.Equal(TrendDirection.Steady, flat.Direction);
    }

    [Fact]
    public void the_median_is_the_middle_of_the_sorted_values_whatever_their_order_and_repeats()
    {
        var random = new Random(11);
        for (var n = 1; n <= 300; n++)
        {
            // Few distinct values for some lengths, so that many are equal to the middle.
            var distinct = n % 3 == 0 ? 4 : 1_000;
            var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(distinct) - distinct / 2).ToList();
            var sorted = values.Order().ToList();
            var expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            Assert.Equal(expected, TrendMethod.Median(values));
            Assert.Equal(sorted, values.Order().ToList());
        }
        Assert.Equal(2.5, TrendMethod.Median([4, 3, 2, 1]));
        Assert.Equal(5, TrendMethod.Median([5, 5, 5, 5, 5]));
        Assert.Equal(1.5, TrendMethod.Median([3, 1, 2, 1, 5, 1]));
    }

    [Fact]
    public void a_clearly_rising_series_is_rising()
    {
        // 10, 12, 14 … with ±0.5 wobble: slope 2 per week, change over 7 weeks ≈ 14, noise ≈ 1.
        var fit = TrendMethod.Fit(Weekly(10, 12.5, 14, 16.5, 18, 20.5, 22, 24.5));
        Assert.Equal(TrendDirection.Rising, fit.Direction);
        Assert.InRange(fit.SlopePerDay!.Value * 7, 1.9, 2.2);
        Assert.True(fit.ChangeOverSpan > fit.NoiseBand);
    }

    [Fact]
    public void a_clearly_falling_series_is_falling_even_with_one_wild_reading()
    {
        var fit = TrendMethod.Fit(Weekly(40, 37, 35, 90, 30, 27, 25, 22));
        Assert.Equal(TrendDirection.Falling, fit.Direction);
        Assert.InRange(fit.SlopePerDay!.Value * 7, -3, -2);
    }

    [Fact]
    public void a_flat_series_with_noise_is_steady()
    {
        var fit = TrendMethod.Fit(Weekly(50, 53, 47, 51, 49, 52, 48, 50, 53, 47));
        Assert.Equal(TrendDirection.Steady, fit.Direction);
        Assert.True(Math.Abs(fit.ChangeOverSpan!.Value) <= fit.NoiseBand);
    }

    [Fact]
    public void an_exactly_flat_series_is_steady_and_an_exact_line_is_rising()
    {
        Assert.Equal(TrendDirection.Steady, TrendMethod.Fit(Weekly(7, 7, 7, 7)).Direction);
        Assert.Equal(TrendDirection.Rising, TrendMethod.Fit(Weekly(1, 2, 3)).Direction);
    }

    [Fact]
    public void fewer_than_three_readings_or_one_day_is_insufficient_data()
    {
        Assert.Equal(TrendDirection.InsufficientData, TrendMethod.Fit([]).Direction);
        Assert.Equal(TrendDirection.InsufficientData, TrendMethod.Fit(Weekly(1, 100)).Direction);
        Assert.Equal(TrendDirection.InsufficientData, TrendMethod.Fit([(Start, 1), (Start, 5), (Start, 9)]).Direction);
    }

    [Fact]
    public void a_definition_change_mid_series_restarts_the_comparison()
    {
        // Version 1 rises steeply (people counted); version 2 (percent of households) is flat.
        var indicator = Fold(
            new IndicatorProposed(Guid.NewGuid(), "Someone to call", "How many people have someone to call?", IndicatorUnit.Count, "Door-knock survey", "Residents' group", null),
            Reading(0, 10, 1), Reading(7, 20, 1), Reading(14, 30, 1), Reading(21, 40, 1),
            new IndicatorRedefined(2, null, "What share of households have someone to call?", IndicatorUnit.Percent, null, null),
            Reading(28, 61, 2), Reading(35, 60, 2), Reading(42, 61, 2), Reading(49, 60, 2));

        var trend = IndicatorTrend.Of(indicator, null, null, new HashSet<Guid>());
        Assert.Equal(2, trend.DefinitionVersion);
        Assert.Equal(8, trend.Series.Count);
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2], trend.Series.Select(p => p.DefinitionVersion));
        Assert.Equal(new ReadingPoint(Start.AddDays(28), 61), trend.Baseline);
        Assert.Equal(new ReadingPoint(Start.AddDays(49), 60), trend.Latest);
        Assert.Equal(-1, trend.ChangeSinceBaseline!.Absolute);
        Assert.Equal(-1 / 61.0, trend.ChangeSinceBaseline.Relative!.Value, 9);
        Assert.Equal(TrendDirection.Steady, trend.Direction);
        Assert.Contains("definition version 2", trend.Basis);
        Assert.Equal(4, trend.ReadingsByVersion["1"]);
    }

    private static ReadingRecorded Reading(int day, double value, int version) =>
        new(Guid.NewGuid(), value, Start.AddDays(day), null, null, null, [], version);

    private static Indicator Fold(IndicatorProposed proposed, params object[] events)
    {
        var indicator = Indicator.Create(new Event<IndicatorProposed>(proposed) { Timestamp = DateTimeOffset.UtcNow });
        foreach (var e in events)
        {
            indicator = e switch
            {
                ReadingRecorded r => indicator.Apply(new Event<ReadingRecorded>(r) { Timestamp = DateTimeOffset.UtcNow }),
                IndicatorRedefined d => indicator.Apply(new Event<IndicatorRedefined>(d) { Timestamp = DateTimeOffset.UtcNow }),
                _ => indicator
            };
        }
        return indicator;
    }
}
