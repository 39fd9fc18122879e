using ImpactJournal.Indicators;
using Xunit;

namespace ImpactJournal.Tests.Indicators;

/// <summary>The one voice for trends, and when an indicator's latest reading is old enough to say so.</summary>
public sealed class when_wording_a_trend
{
    private static readonly DateOnly Start = new(2025, 3, 31);

    private static List<(DateOnly On, double Value)> Quarterly(params double[] values) =>
        [.. values.Select((v, i) => (Start.AddMonths(3 * i), v))];

    [Fact]
    public void a_direction_names_its_span_and_how_many_points_it_rests_on()
    {
        var (fit, words) = TrendSentence.Over(Quarterly(41, 44, 48, 51, 55), TrendAlong.Readings);
        Assert.Equal(TrendDirection.Rising, fit.Direction);
        Assert.Equal("rising across 5 readings from 31 March 2025 to 31 March 2026", words);
        Assert.Equal("steady across 3 rounds from 31 March 2025 to 30 September 2025",
            TrendSentence.Over(Quarterly(3, 3, 3), TrendAlong.Rounds).Words);
    }

    [Fact]
    public void too_few_points_say_how_many_there_are_and_how_many_it_takes()
    {
        Assert.Equal("no readings yet", TrendSentence.Over([], TrendAlong.Readings).Words);
        Assert.Equal("not enough readings yet to tell a direction (2 so far; it takes 3)",
            TrendSentence.Over(Quarterly(48, 51), TrendAlong.Readings).Words);
        Assert.Equal("not enough rounds yet to tell a direction (all 3 are from 31 March 2025)",
            TrendSentence.Over([(Start, 1), (Start, 2), (Start, 3)], TrendAlong.Rounds).Words);
    }

    [Fact]
    public void words_from_a_stored_direction_match_words_from_the_points()
    {
        var points = Quarterly(31, 38, 44, 52, 58);
        var (fit, words) = TrendSentence.Over(points, TrendAlong.Readings);
        Assert.Equal(words, TrendSentence.Words(fit.Direction, points.Count, points[0].On, points[^1].On, TrendAlong.Readings));
    }

    [Theory]
    [InlineData(48.0, IndicatorUnit.Percent, "48%")]
    [InlineData(1200.5, IndicatorUnit.Currency, "£1,200.5")]
    [InlineData(1.0, IndicatorUnit.Hours, "1 hour")]
    [InlineData(12.0, IndicatorUnit.Hours, "12 hours")]
    [InlineData(31.0, IndicatorUnit.Count, "31")]
    public void a_value_carries_its_unit(double value, IndicatorUnit unit, string expected) =>
        Assert.Equal(expected, TrendSentence.Value(value, unit));

    [Fact]
    public void the_latest_reading_is_old_after_twice_the_usual_gap_between_readings()
    {
        var weekly = Enumerable.Range(0, 10).Select(i => Start.AddDays(7 * i)).ToList();
        var gap = ReadingAge.TypicalGap(weekly);
        Assert.Equal(7, gap);
        Assert.Null(ReadingAge.Warning(weekly[^1], gap, weekly[^1].AddDays(14)));
        Assert.Equal("the latest reading is 2 weeks old", ReadingAge.Warning(weekly[^1], gap, weekly[^1].AddDays(15)));

        var quarterly = Quarterly(1, 2, 3, 4).Select(p => p.On).ToList();
        Assert.Null(ReadingAge.Warning(quarterly[^1], ReadingAge.TypicalGap(quarterly), quarterly[^1].AddMonths(5)));
        // From 31 December 2025 to 1 December 2026: 11 whole months.
        Assert.Equal("the latest reading is 11 months old",
            ReadingAge.Warning(quarterly[^1], ReadingAge.TypicalGap(quarterly), new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void a_lone_reading_is_old_after_half_a_year()
    {
        var lone = new DateOnly(2025, 11, 7);
        Assert.Null(ReadingAge.TypicalGap([lone, lone]));
        Assert.Null(ReadingAge.Warning(lone, null, lone.AddDays(2 * ReadingAge.AssumedGapDays)));
        Assert.Equal("the latest reading is 13 months old", ReadingAge.Warning(lone, null, new DateOnly(2026, 12, 7)));
        Assert.Equal(new ReadingSpan(3, Start, 91), ReadingSpan.Of([Start.AddDays(182), Start, Start.AddDays(91)]));
    }
}
