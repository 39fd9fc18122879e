using ImpactJournal.Demo;
using ImpactJournal.Web;
using Xunit;

namespace ImpactJournal.Tests.Demo;

/// <summary>
/// The demo alliance is dated around the day it is loaded, so a newcomer meets recent observations, this
/// quarter's check-in and a map that grew last month, on any day of any year.
/// </summary>
public sealed class when_dating_the_demo
{
    [Theory]
    [InlineData("2027-03-10")]
    [InlineData("2026-12-07")]
    [InlineData("2027-01-01")] // a quarter's first day
    [InlineData("2027-06-30")] // a quarter's last day
    [InlineData("2027-10-31")] // the day the UK's clocks go back
    [InlineData("2028-02-29")]
    public async Task its_newest_activity_is_recent_and_nothing_lies_ahead(string day)
    {
        var today = DateOnly.Parse(day);
        var demo = (await DemoSeed.ReadSeedFileAsync()).DatedAround(today);

        var observed = demo.Observations.Select(o => UkDay(o.ObservedAt)).ToList();
        Assert.InRange(observed.Max(), today.AddDays(-8), today.AddDays(-1));
        Assert.True(observed.Count(d => d > today.AddDays(-26 * 7)) >= 10, "fewer than 10 observations in the dashboard's 26 weeks");

        var current = Assert.Single(demo.CheckIns!, r => r.PeriodStart <= today && today <= r.PeriodEnd);
        Assert.False(current.Closed);
        Assert.Equal(new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1), current.PeriodStart);
        Assert.Equal(current.PeriodStart.AddMonths(3).AddDays(-1), current.PeriodEnd);
        Assert.Equal($"{new[] { "First", "Second", "Third", "Fourth" }[(today.Month - 1) / 3]} quarter {today.Year} check-in", current.Title);
        Assert.All(demo.CheckIns!.Where(r => r != current), r => Assert.True(r.Closed && r.PeriodEnd < today, r.Title));

        var sessions = demo.Maps!.SelectMany(m => m.Sessions).Select(s => s.HeldOn).ToList();
        Assert.InRange(sessions.Max(), today.AddDays(-42), today.AddDays(-28));

        Assert.All(demo.Indicators!.SelectMany(i => i.Readings), r => Assert.True(r.ObservedOn < today));
        Assert.All(demo.LearningReviews!, r => Assert.True(r.PeriodEnd < today, r.Title));
        Assert.All(demo.Stories, s => Assert.True(s.ToldOn < today));
        Assert.DoesNotContain(demo.CheckIns!.Select(r => r.Title).Concat(demo.LearningReviews!.Select(r => r.Title)), t => t.Contains('{'));
        // The re-map whose ripples the latest review looks back on still falls within that review's period.
        var latestReview = demo.LearningReviews!.MaxBy(r => r.PeriodEnd)!;
        Assert.Contains(sessions, s => latestReview.PeriodStart <= s && s <= latestReview.PeriodEnd);
    }

    [Fact]
    public async Task loaded_a_week_later_every_day_moves_a_week_and_every_period_stays_in_its_quarter()
    {
        var file = await DemoSeed.ReadSeedFileAsync();
        var first = file.DatedAround(new DateOnly(2027, 3, 10));
        var later = file.DatedAround(new DateOnly(2027, 3, 17));

        Assert.All(first.Observations.Zip(later.Observations), pair =>
            Assert.Equal(Uk(pair.First.ObservedAt).AddDays(7), Uk(pair.Second.ObservedAt)));
        Assert.All(first.Stories.Zip(later.Stories), pair => Assert.Equal(pair.First.ToldOn.AddDays(7), pair.Second.ToldOn));
        Assert.Equal(first.Maps!.SelectMany(m => m.Sessions).Select(s => s.HeldOn.AddDays(7)), later.Maps!.SelectMany(m => m.Sessions).Select(s => s.HeldOn));
        Assert.Equal(first.CheckIns!.Select(r => (r.PeriodStart, r.PeriodEnd, r.Title)), later.CheckIns!.Select(r => (r.PeriodStart, r.PeriodEnd, r.Title)));

        // A quarter on, the periods are a quarter on, and a quarter's last day is still its last.
        var nextQuarter = file.DatedAround(new DateOnly(2027, 6, 10));
        Assert.Equal(first.CheckIns!.Select(r => (r.PeriodStart.AddMonths(3), r.PeriodEnd.AddDays(1).AddMonths(3).AddDays(-1))),
            nextQuarter.CheckIns!.Select(r => (r.PeriodStart, r.PeriodEnd)));
    }

    [Fact]
    public async Task every_moment_keeps_its_weekday_and_uk_time_of_day_across_the_clock_change()
    {
        var file = await DemoSeed.ReadSeedFileAsync();
        // From the file's winter and summer into the opposite season: the UK clock reading is what people wrote.
        foreach (var today in new[] { new DateOnly(2026, 9, 20), new DateOnly(2027, 1, 20) })
        {
            var dated = file.DatedAround(today);
            Assert.All(file.Observations.Zip(dated.Observations), pair =>
            {
                var (before, after) = (Uk(pair.First.ObservedAt), Uk(pair.Second.ObservedAt));
                Assert.Equal(before.TimeOfDay, after.TimeOfDay);
                Assert.Equal(before.DayOfWeek, after.DayOfWeek);
            });
        }
    }

    private static DateTime Uk(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Words.UkTime).DateTime;

    private static DateOnly UkDay(DateTimeOffset moment) => DateOnly.FromDateTime(Uk(moment));
}
