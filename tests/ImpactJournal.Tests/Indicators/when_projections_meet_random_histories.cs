using System.Text.Json.Nodes;
using CsCheck;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Indicators;

/// <summary>
/// Random histories written through the API; the trend, the review summary's activity and the
/// dashboard's weekly counts are checked against a plain recomputation from the raw events in PostgreSQL.
/// </summary>
public sealed class when_projections_meet_random_histories(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "prop-steward@example.org";
    private const string Partner = "prop-partner@example.org";
    private const string Commissioner = "prop-commissioner@example.org";
    private static readonly string[] ThemePool = ["food", "housing", "belonging"];

    private sealed record ObservationPlan(int DaysAgo, int ThemeMask, bool Identifiable, bool Retracted, bool ForCommissioners);

    private sealed record History(ObservationPlan[] Observations, (int Day, int Value)[] Readings, int PeriodDays);

    private static readonly Gen<History> Histories =
        from observations in Gen.Select(Gen.Int[0, 200], Gen.Int[0, 7], Gen.Bool, Gen.Bool, Gen.Bool)
            .Select((d, t, i, r, c) => new ObservationPlan(d, t, i, r, c)).Array[0, 12]
        from readings in Gen.Select(Gen.Int[0, 120], Gen.Int[-50, 150]).Array[0, 9]
        from period in Gen.Int[1, 150]
        select new History(observations, readings.DistinctBy(r => r.Item1).ToArray(), period);

    [Fact]
    public async Task trend_summary_and_dashboard_agree_with_the_raw_events()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Histories.SampleAsync(async history =>
        {
            var (a, _) = await As(Steward).FormAllianceWithEveryRole("prop");
            foreach (var plan in history.Observations)
            {
                var themes = ThemePool.Where((_, bit) => (plan.ThemeMask & (1 << bit)) != 0).ToArray();
                var at = DateTime.UtcNow.AddDays(-plan.DaysAgo).AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
                var id = await As(Partner).LogObservation(a, ObservationBuilder.Body(observedAt: at, themes: themes,
                    identifiable: plan.Identifiable, scope: plan.ForCommissioners ? "commissioners" : "alliance"));
                if (plan.Retracted) await As(Partner).Post($"/api/alliances/{a}/observations/{id}/retraction", new { reason = "test" }, expect: 200);
            }
            var indicator = (await As(Partner).Post($"/api/alliances/{a}/indicators",
                new { name = "n", question = "q", unit = "count", method = "m", proposedBy = "p" })).Id();
            foreach (var (day, value) in history.Readings)
                await As(Partner).Post($"/api/alliances/{a}/indicators/{indicator}/readings", new { value, observedOn = today.AddDays(-day).ToString("yyyy-MM-dd") });
            var review = (await As(Steward).Post($"/api/alliances/{a}/learning-reviews", new
            {
                title = "r", periodStart = today.AddDays(-history.PeriodDays).ToString("yyyy-MM-dd"), periodEnd = today.ToString("yyyy-MM-dd")
            })).Id();
            await CatchUpProjections();

            var raw = await RawEvents.Of(Fixture, a);
            CheckTrend((await As(Partner).Get($"/api/alliances/{a}/indicators/{indicator}/trend"))!, raw);
            var observations = Observations(raw);
            CheckSummary((await As(Partner).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!, observations, today.AddDays(-history.PeriodDays), today, commissioner: false);
            CheckSummary((await As(Commissioner).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!, observations, today.AddDays(-history.PeriodDays), today, commissioner: true);
            var dashboard = (await As(Commissioner).Get("/api/dashboard"))!["alliances"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == a.ToString())!;
            CheckWeeks(dashboard, observations, today);
        }, iter: 8, threads: 1);
    }

    private sealed record RawObservation(DateOnly On, string[] Themes, bool Identifiable, bool Retracted, bool ForCommissioners);

    private static List<RawObservation> Observations(IReadOnlyList<RawEvent> raw)
    {
        var retracted = raw.Where(e => e.Type == "observation_retracted").Select(e => e.StreamId).ToHashSet();
        return [.. raw.Where(e => e.Type == "observation_logged").Select(e => new RawObservation(
            DateOnly.FromDateTime(DateTimeOffset.Parse(e.Data["observedAt"]!.GetValue<string>()).UtcDateTime),
            [.. e.Data["themes"]!.AsArray().Select(t => t!.GetValue<string>())],
            e.Data["consent"]!["identifiable"]!.GetValue<bool>(),
            retracted.Contains(e.StreamId),
            !e.Data["consent"]!["scope"]!.GetValue<string>().Equals("alliance", StringComparison.OrdinalIgnoreCase)))];
    }

    private static void CheckTrend(JsonNode trend, IReadOnlyList<RawEvent> raw)
    {
        var readings = raw.Where(e => e.Type == "reading_recorded")
            .Select(e => (On: DateOnly.Parse(e.Data["observedOn"]!.GetValue<string>()), Value: e.Data["value"]!.GetValue<double>()))
            .OrderBy(r => r.On).ToList();
        Assert.Equal(readings.Count, trend["series"]!.AsArray().Count);
        if (readings.Count == 0)
        {
            Assert.Null(trend["baseline"]);
            return;
        }
        Assert.Equal(readings[0].Value, trend["baseline"]!["value"]!.GetValue<double>());
        Assert.Equal(readings[^1].Value, trend["latest"]!["value"]!.GetValue<double>());
        Assert.Equal(readings[^1].Value - readings[0].Value, trend["changeSinceBaseline"]!["absolute"]!.GetValue<double>(), 9);
        Assert.Equal(BruteForceDirection(readings), trend["direction"]!.GetValue<string>());
    }

    /// <summary>Theil–Sen written out again the slow, obvious way.</summary>
    private static string BruteForceDirection(List<(DateOnly On, double Value)> readings)
    {
        if (readings.Count < 3 || readings.Select(r => r.On).Distinct().Count() < 2) return "insufficient-data";
        double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
        var x0 = readings.Min(r => r.On.DayNumber);
        var points = readings.Select(r => (X: (double)(r.On.DayNumber - x0), Y: r.Value)).ToList();
        var slope = Median(from p in points from q in points where q.X > p.X select (q.Y - p.Y) / (q.X - p.X));
        var intercept = Median(points.Select(p => p.Y - slope * p.X));
        var residuals = points.Select(p => p.Y - intercept - slope * p.X).ToList();
        var band = 2 * 1.4826 * Median(residuals.Select(r => Math.Abs(r - Median(residuals))));
        var change = slope * points.Max(p => p.X);
        return Math.Abs(change) <= band || change == 0 ? "steady" : change > 0 ? "rising" : "falling";
    }

    private static void CheckSummary(JsonNode summary, List<RawObservation> observations, DateOnly from, DateOnly to, bool commissioner)
    {
        var counted = observations.Where(o => !o.Retracted && o.On >= from && o.On <= to && (!commissioner || o.ForCommissioners)).ToList();
        AssertShown(counted, commissioner, summary["activity"]!["observations"]);
        foreach (var theme in ThemePool)
        {
            var withTheme = counted.Where(o => o.Themes.Contains(theme)).ToList();
            var shown = summary["activity"]!["byTheme"]!.AsArray().SingleOrDefault(t => t!["theme"]!.GetValue<string>() == theme);
            if (withTheme.Count == 0) Assert.Null(shown);
            else AssertShown(withTheme, commissioner, shown!["count"]);
        }
    }

    private static void CheckWeeks(JsonNode dashboard, List<RawObservation> observations, DateOnly today)
    {
        var weeks = dashboard["observationsPerWeek"]!.AsArray();
        foreach (var week in weeks)
        {
            var start = DateOnly.Parse(week!["weekStarting"]!.GetValue<string>());
            var inWeek = observations.Where(o => !o.Retracted && o.ForCommissioners && o.On >= start && o.On < start.AddDays(7) && o.On <= today).ToList();
            AssertShown(inWeek, commissioner: true, week["count"]);
        }
    }

    /// <summary>
    /// A small identifiable count reads "&lt;5" for commissioners; any other count is its number, or for
    /// commissioners "withheld" (secondary suppression; that nothing hidden is recoverable is a property test of its own).
    /// </summary>
    private static void AssertShown(List<RawObservation> items, bool commissioner, JsonNode? shown)
    {
        if (commissioner && items.Count is > 0 and < 5 && items.Any(o => o.Identifiable)) Assert.Equal("<5", shown.AsShown());
        else if (!commissioner || shown.AsShown() != "withheld") Assert.Equal(items.Count.ToString(), shown.AsShown());
    }
}

public static class ShownCounts
{
    /// <summary>A count as the API shows it: a number, or the string "&lt;5" or "withheld".</summary>
    public static string AsShown(this JsonNode? count) =>
        count!.GetValueKind() == System.Text.Json.JsonValueKind.String ? count.GetValue<string>() : count.GetValue<int>().ToString();
}
