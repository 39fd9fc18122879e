using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Codebook;

/// <summary>
/// A commissioner who knows the member list and reads everything they are shown — the codebook (page and API), every
/// theme's page (page and API) and the dashboard — adds and subtracts it all. Every observation here carries one
/// theme, so the intruder may also take the dashboard's weeks to add up to the themes' counts. No count the
/// codebook hides ("fewer than 5" or "withheld") may come back exact, nor a week it hides on a theme's page.
/// </summary>
public sealed partial class when_an_intruder_reads_the_codebook(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "cbi-steward@example.org";
    private const string Partner = "cbi-partner@example.org";
    private const string Commissioner = "cbi-commissioner@example.org";

    private static readonly DateOnly ThisWeek = MondayOf(DateOnly.FromDateTime(DateTime.UtcNow));

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>What the intruder knows of one count: a range (a shown number is a range of one).</summary>
    private sealed record Known(string What, int Low, int High, bool Hidden)
    {
        public bool Exact => Low == High;
        /// <summary>A shown count: a number, "&lt;5" (1–4) or "withheld" (at least 1; or, where a whole row is withheld, any number).</summary>
        public static Known Of(string what, JsonNode? shown, bool wholeRowWithheld = false) => shown!.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? new(what, shown.GetValue<int>(), shown.GetValue<int>(), false)
            : shown.GetValue<string>() == "<5" ? new(what, 1, 4, true) : new(what, wholeRowWithheld ? 0 : 1, 100_000, true);
        public Known Within(int low, int high) => this with { Low = Math.Max(Low, low), High = Math.Min(High, high) };
    }

    private async Task Observe(Guid a, string theme, DateOnly week, int count, bool identifiable)
    {
        for (var i = 0; i < count; i++)
            await As(Partner).LogObservation(a, ObservationBuilder.Body(text: $"{theme} noticed, {i}", themes: [theme], scope: "commissioners",
                identifiable: identifiable, observedAt: $"{week.AddDays(1):yyyy-MM-dd}T10:00:00Z"));
    }

    [Fact]
    public async Task no_count_the_codebook_hides_can_be_worked_out_from_everything_a_commissioner_reads()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbi");
        var (week1, week2, week3) = (ThisWeek.AddDays(-21), ThisWeek.AddDays(-14), ThisWeek.AddDays(-7));
        // "damp" (2) is fewer than 5, so the codebook withholds "housing" (6) too: the two would give each other back.
        await Observe(a, "damp", week1, 2, identifiable: true);
        await Observe(a, "housing", week1, 6, identifiable: true);
        // "rent arrears" is shown (8), but its two weeks of 4 are each fewer than 5: with 8 known, each reads back as 4.
        await Observe(a, "rent arrears", week2, 4, identifiable: true);
        await Observe(a, "rent arrears", week3, 4, identifiable: true);
        await Observe(a, "volunteering", week1, 7, identifiable: false);
        await Observe(a, "volunteering", week2, 7, identifiable: false);
        await Observe(a, "volunteering", week3, 6, identifiable: false);
        await CatchUpProjections();

        var codebook = (await As(Commissioner).Get($"/api/alliances/{a}/codebook"))!["themes"]!.AsArray();
        var listPage = await Html($"/alliances/{a}/codebook");
        var totals = new Dictionary<string, Known>();
        foreach (var theme in codebook)
        {
            var name = theme!["name"]!.GetValue<string>();
            totals[name] = Known.Of($"{name}: observations", theme["observations"]);
            Assert.Equal(Words(theme["observations"]), listPage.Row(name)[0]);
        }
        Assert.True(totals["damp"].Hidden && totals["housing"].Hidden, "the codebook should hide damp and housing");

        var weeks = new Dictionary<string, List<Known>>();
        var shownOfHidden = new List<string>();
        foreach (var name in totals.Keys)
        {
            var view = (await As(Commissioner).Get($"/api/alliances/{a}/codebook/themes/{Uri.EscapeDataString(name)}"))!;
            var page = await Html($"/alliances/{a}/codebook/themes/{Uri.EscapeDataString(name)}");
            weeks[name] = [.. view["weeks"]!.AsArray().Select(w => Known.Of($"{name}: week of {w!["week"]}", w["observations"], totals[name].Hidden))];
            foreach (var week in view["weeks"]!.AsArray().Where(w => page.HasRow(Day(w!["week"]!))))
                Assert.Equal(Words(week!["observations"]), page.Row(Day(week["week"]!))[0]);
            // Contract v1.2: a theme whose count is withheld shows no exact weekly or co-occurrence number.
            if (totals[name].Hidden)
                shownOfHidden.AddRange(view["weeks"]!.AsArray().Concat(view["together"]!.AsArray())
                    .Where(n => n!["observations"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number).Select(n => $"{name}: {n!.ToJsonString()}"));
        }

        var dashboard = (await As(Commissioner).Get("/api/dashboard"))!["alliances"]!.AsArray().Single(x => x!["id"]!.GetValue<Guid>() == a)!;
        var allWeeks = dashboard["observationsPerWeek"]!.AsArray().Select(w => Known.Of("dashboard week", w!["count"])).ToList();

        var worked = WorkOut(totals, weeks, allWeeks);

        var recovered = worked.Where(k => k.Hidden && k.Exact).Select(k => $"{k.What} = {k.Low}").ToList();
        Assert.True(recovered.Count == 0 && shownOfHidden.Count == 0,
            $"worked out: {string.Join("; ", recovered)}\nexact numbers of a hidden theme: {string.Join("; ", shownOfHidden)}");
    }

    [Fact]
    public async Task a_theme_found_with_another_reads_the_same_on_both_themes_pages()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbi");
        var week = ThisWeek.AddDays(-7);
        // "food bank" is on 9 observations: 3 with "debt" (fewer than 5), 6 with "families". Were "families" shown as 6 on
        // its own page but withheld on the food bank's, 9 − 6 would give back the 3.
        await ObserveWith(a, ["food bank", "debt"], week, 3);
        await ObserveWith(a, ["food bank", "families"], week, 6);
        await ObserveWith(a, ["families"], week, 14);
        await CatchUpProjections();

        var foodBank = await Together(a, "food bank");
        var families = await Together(a, "families");
        Assert.Equal(Words(foodBank["families"]), Words(families["food bank"]));
        // Neither number of a theme found with the food bank is given: "debt" is fewer than 5, and the 6 would give it back.
        Assert.NotEqual(System.Text.Json.JsonValueKind.Number, foodBank["families"]!.GetValueKind());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Number, foodBank["debt"]!.GetValueKind());
    }

    private async Task ObserveWith(Guid a, string[] themes, DateOnly week, int count)
    {
        for (var i = 0; i < count; i++)
            await As(Partner).LogObservation(a, ObservationBuilder.Body(text: $"{string.Join(", ", themes)} noticed, {i}", themes: themes,
                scope: "commissioners", identifiable: true, observedAt: $"{week.AddDays(1):yyyy-MM-dd}T10:00:00Z"));
    }

    /// <summary>A theme's "found with it" observations, by the other theme.</summary>
    private async Task<Dictionary<string, JsonNode>> Together(Guid a, string theme) =>
        (await As(Commissioner).Get($"/api/alliances/{a}/codebook/themes/{Uri.EscapeDataString(theme)}"))!["together"]!.AsArray()
            .ToDictionary(t => t!["theme"]!.GetValue<string>(), t => t!["observations"]!);

    /// <summary>
    /// The intruder's sums, repeated until nothing narrows: a theme's weeks add up to its count (all of it falls in the
    /// 26 weeks shown), and the themes' counts add up to the dashboard's weeks.
    /// </summary>
    private static List<Known> WorkOut(Dictionary<string, Known> totals, Dictionary<string, List<Known>> weeks, List<Known> allWeeks)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            void Narrow<TKey>(IDictionary<TKey, Known> cells, TKey key, int low, int high)
            {
                var narrower = cells[key].Within(low, high);
                if (narrower == cells[key]) return;
                cells[key] = narrower;
                changed = true;
            }
            foreach (var name in totals.Keys.ToList())
            {
                var parts = weeks[name].Select((k, i) => (k, i)).ToDictionary(x => x.i, x => x.k);
                Narrow(totals, name, parts.Values.Sum(k => k.Low), parts.Values.Sum(k => k.High));
                foreach (var i in parts.Keys.ToList())
                    Narrow(parts, i, totals[name].Low - parts.Where(p => p.Key != i).Sum(p => p.Value.High),
                        totals[name].High - parts.Where(p => p.Key != i).Sum(p => p.Value.Low));
                weeks[name] = [.. parts.OrderBy(p => p.Key).Select(p => p.Value)];
            }
            var all = (Low: allWeeks.Sum(k => k.Low), High: allWeeks.Sum(k => k.High));
            foreach (var name in totals.Keys.ToList())
                Narrow(totals, name, all.Low - totals.Where(t => t.Key != name).Sum(t => t.Value.High),
                    all.High - totals.Where(t => t.Key != name).Sum(t => t.Value.Low));
        }
        return [.. totals.Values, .. weeks.Values.SelectMany(w => w)];
    }

    private static string Words(JsonNode? shown) => shown!.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? shown.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture)
        : shown.GetValue<string>() == "<5" ? "fewer than 5" : "withheld";

    private static string Day(JsonNode week) =>
        DateOnly.Parse(week.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Table> Html(string url)
    {
        var (status, _, body, _) = await As(Commissioner).SendRaw(HttpMethod.Get, url, null);
        Assert.Equal(200, status);
        return new Table(body);
    }

    /// <summary>The rows of a page's tables by their heading cell, each the words of its other cells.</summary>
    private sealed partial class Table(string html)
    {
        private readonly Dictionary<string, List<string>> rows = RowPattern().Matches(html).Select(m => (
                Key: WebUtility.HtmlDecode(Tags().Replace(m.Groups[1].Value, "")).Trim(),
                Cells: m.Groups[2].Captures.Select(c => WebUtility.HtmlDecode(c.Value).Trim()).ToList()))
            .GroupBy(r => r.Key.Split('\n')[0].Trim()).ToDictionary(g => g.Key, g => g.First().Cells);

        public bool HasRow(string key) => rows.ContainsKey(key);
        public IReadOnlyList<string> Row(string key) => rows[key];

        [GeneratedRegex("""<tr>\s*<th scope="row">(.*?)</th>(?:\s*<td>(.*?)</td>)+\s*</tr>""", RegexOptions.Singleline)]
        private static partial Regex RowPattern();

        [GeneratedRegex("<[^>]+>")]
        private static partial Regex Tags();
    }
}
