using ImpactJournal.Indicators;
using Xunit;

namespace ImpactJournal.Tests.Indicators;

/// <summary>The outline behind the small trend pictures: a few dozen points that never mix definition versions.</summary>
public sealed class when_outlining_a_trend
{
    private static Reading At(int day, double value, int version) =>
        new(Guid.NewGuid(), value, new DateOnly(2025, 1, 1).AddDays(day), null, null, null, [], version, null, DateTimeOffset.UtcNow);

    [Fact]
    public void a_short_series_is_its_own_outline()
    {
        var readings = Enumerable.Range(0, 10).Select(d => At(d * 7, d, 1)).ToList();
        var outline = TrendOutline.Of(readings);
        Assert.Equal(readings.Select(r => (r.ObservedOn, r.Value)), outline.Select(p => (p.ObservedOn, p.Value)));
    }

    [Theory]
    [InlineData(260, 1)]
    [InlineData(10_000, 3)]
    [InlineData(49, 2)]
    public void a_long_series_keeps_at_most_48_points_each_within_one_version(int count, int versions)
    {
        // The last version holds only two readings: it must still be drawn.
        var readings = Enumerable.Range(0, count)
            .Select(i => At(i, i % 17, i >= count - 2 ? versions : 1 + i * (versions - 1) / Math.Max(1, count - 2))).ToList();
        var outline = TrendOutline.Of(readings);

        Assert.InRange(outline.Count, 1, TrendOutline.MaxPoints + versions);
        Assert.Equal(readings.Select(r => r.DefinitionVersion).Distinct().Order(), outline.Select(p => p.DefinitionVersion).Distinct().Order());
        Assert.Equal(outline.OrderBy(p => p.DefinitionVersion).ThenBy(p => p.ObservedOn), outline);
        foreach (var point in outline)
        {
            var ofVersion = readings.Where(r => r.DefinitionVersion == point.DefinitionVersion).ToList();
            Assert.InRange(point.Value, ofVersion.Min(r => r.Value), ofVersion.Max(r => r.Value));
            Assert.InRange(point.ObservedOn, ofVersion.Min(r => r.ObservedOn), ofVersion.Max(r => r.ObservedOn));
        }
    }

    [Fact]
    public void no_readings_make_no_outline() => Assert.Empty(TrendOutline.Of([]));
}
