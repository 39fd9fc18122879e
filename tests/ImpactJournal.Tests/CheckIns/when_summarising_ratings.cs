using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

/// <summary>What a round's answers on one imperative may show, by hand and against a recomputation (issue 29's rules).</summary>
public sealed class when_summarising_ratings
{
    private static Rating P(int? value) => new(AllianceRole.Partner, value);
    private static Rating C(int? value) => new(AllianceRole.Commissioner, value);
    private static Rating F(int? value) => new(AllianceRole.Facilitator, value);

    private static Rating S(int? value) => new(AllianceRole.Steward, value);

    /// <summary>
    /// Issue 29's example: partners answered 5, 5 and 1, the alliance's only commissioner 1. The distribution {1:2, 5:2}
    /// beside the partners' median of 5 told everyone the commissioner answered 1; now four answers show only counts.
    /// </summary>
    [Fact]
    public void the_reported_round_no_longer_tells_what_the_only_commissioner_answered()
    {
        var ratings = ImperativeRatings.Of([P(5), P(5), P(1), C(1)]);
        Assert.Equal(4, ratings.Answered);
        Assert.Null(ratings.Distribution);
        Assert.Null(ratings.Median);
        Assert.Equal(ImperativeRatings.Reasons.FewAnswered, ratings.Withheld);
        Assert.Equal(new RoleView(3, null, ImperativeRatings.Reasons.FewAnswered), ratings.ByRole[AllianceRole.Partner]);
        Assert.Equal(new RoleView("<3", null, ImperativeRatings.Reasons.FewAnswered), ratings.ByRole[AllianceRole.Commissioner]);
        Assert.Null(ratings.Divergence);
    }

    [Fact]
    public void five_answers_show_the_distribution_and_the_median_and_one_value_is_a_consensus()
    {
        var ratings = ImperativeRatings.Of([P(4), P(5), C(null), F(4), S(2)]);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 0, ["2"] = 1, ["3"] = 0, ["4"] = 2, ["5"] = 1, ["cantSay"] = 1 }, ratings.Distribution);
        Assert.Equal(4, ratings.Median);
        Assert.All(ratings.ByRole.Values, role => Assert.Equal("<3", role.Answered));

        var consensus = ImperativeRatings.Of([P(4), P(4), P(4), C(4), F(4)]);
        Assert.Equal(5, consensus.Distribution!["4"]);
        Assert.Equal(4, consensus.Median);
    }

    [Fact]
    public void role_medians_are_withheld_where_beside_the_distribution_they_would_pin_an_answer()
    {
        // Stewards 1, 1, 5 (median 1) and partners 5, 5, 5 (median 5) beside {1:2, 5:4}: the stewards' median needs both
        // 1s, so every partner said 5. Withheld for every role, whatever the answers, since the counts and the distribution allow it.
        var pinning = ImperativeRatings.Of([S(1), S(1), S(5), P(5), P(5), P(5)]);
        Assert.NotNull(pinning.Distribution);
        Assert.All(pinning.ByRole.Values, role => Assert.Equal(new RoleView(3, null, ImperativeRatings.Reasons.WouldPin), role));
        Assert.Null(pinning.Divergence);
        Assert.Equal(pinning.ByRole, ImperativeRatings.Of([S(1), S(5), S(5), P(1), P(5), P(5)]).ByRole);

        // No three answers alike in roles of 4: no role's answers, even with one of them taken away by someone who gave
        // it, can all be one value, so the medians show, and how far apart they are.
        var spread = ImperativeRatings.Of([S(1), S(1), S(2), S(3), P(3), P(4), P(5), P(5)]);
        Assert.Equal(1.5, spread.ByRole[AllianceRole.Steward].Median);
        Assert.Equal(4.5, spread.ByRole[AllianceRole.Partner].Median);
        Assert.Equal(new Divergence(3, AllianceRole.Steward, AllianceRole.Partner, "diverges"), spread.Divergence);

        // Roles of 3 with answers 1, 2, 3 and 3, 4, 5 used to show: but had the stewards' medians been 3 and the
        // partners' 4, a steward who said 1 would know the other two said 3. Withheld, as the distribution allows it.
        Assert.Null(ImperativeRatings.Of([S(1), S(2), S(3), P(3), P(4), P(5)]).ByRole[AllianceRole.Steward].Median);
    }

    [Fact]
    public void random_answers_agree_with_a_recomputation()
    {
        var random = new Random(3);
        var roles = Enum.GetValues<AllianceRole>();
        for (var round = 0; round < 200; round++)
        {
            var answers = Enumerable.Range(0, random.Next(0, 25))
                .Select(_ => new Rating(roles[random.Next(roles.Length)], random.Next(6) switch { 0 => (int?)null, var v => v })).ToList();
            var ratings = ImperativeRatings.Of(answers);

            Assert.Equal(answers.Count, ratings.Answered);
            if (!Shown(answers)) Assert.Null(ratings.Distribution);
            else Assert.Equal(answers.Count, ratings.Distribution!.Values.Sum());
            Assert.Equal(Shown(answers) ? Median(answers) : null, ratings.Median);
            // Role medians: each the recomputed one, or withheld for every role alike.
            var withheld = ratings.ByRole.Values.Any(v => v.Withheld == ImperativeRatings.Reasons.WouldPin);
            foreach (var role in roles.Where(r => answers.Any(a => a.Role == r)))
            {
                var count = answers.Count(a => a.Role == role);
                Assert.Equal(count < 3 ? "<3" : count, ratings.ByRole[role].Answered);
                Assert.Equal(!Shown(answers) || withheld ? null : Median(answers.Where(a => a.Role == role).ToList()), ratings.ByRole[role].Median);
            }
            var medians = ratings.ByRole.Values.Select(v => v.Median).OfType<double>().ToList();
            if (medians.Count < 2) Assert.Null(ratings.Divergence);
            else Assert.Equal(medians.Max() - medians.Min(), ratings.Divergence!.Gap);
        }
    }

    /// <summary>
    /// Rounds built from random answer events — people answering some imperatives, changing their answers, changing
    /// role between rounds — summarised and followed across rounds by the service's code, against a recomputation
    /// straight from the events: the last answer of each person, counted by value and by role, medians, the widest
    /// gap between role medians, and the direction of the round medians by an independent Theil–Sen fit.
    /// </summary>
    [Fact]
    public void random_answer_events_agree_with_a_recomputation_of_summaries_and_direction()
    {
        var random = new Random(13);
        var imperatives = Enumerable.Range(0, 3).Select(i => new Imperative(Guid.NewGuid(), $"Imperative {i}")).ToList();
        var alliance = new Alliance(Guid.NewGuid(), "A", AgreementType.AllianceContract, "purpose", 1, [], [], imperatives, "s", DateTimeOffset.UtcNow);
        var roles = new[] { AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Commissioner };
        var viewer = new Viewer(AllianceRole.Steward, new DateOnly(2026, 11, 27));
        for (var trial = 0; trial < 200; trial++)
        {
            var rounds = new List<(CheckInRound Round, List<(string Subject, CheckInAnswered Answered)> Events)>();
            var start = new DateOnly(2024, 1, 1);
            for (var q = 0; q < random.Next(1, 8); q++)
            {
                var id = Guid.NewGuid();
                var round = CheckInRound.Create(new Event<CheckInRoundOpened>(new CheckInRoundOpened(id, $"Q{q}", start.AddMonths(3 * q), start.AddMonths(3 * q + 3).AddDays(-1))));
                var events = new List<(string, CheckInAnswered)>();
                for (var e = 0; e < random.Next(0, 30); e++)
                {
                    var subject = $"person-{random.Next(12)}";
                    var answers = imperatives.Where(_ => random.Next(4) > 0).Select(i => new ImperativeAnswer(i.Id,
                        random.Next(6) switch { 0 => null, var v => Math.Clamp(v + q / 3, 1, 5) }, null, null, null)).ToList();
                    var answered = new CheckInAnswered(id, roles[random.Next(roles.Length)], answers);
                    events.Add((subject, answered));
                    round = round.Apply(new Event<CheckInAnswered>(answered) { UserName = subject, Timestamp = DateTimeOffset.UtcNow });
                }
                if (random.Next(4) > 0) round = round.Apply(new Event<CheckInRoundClosed>(new CheckInRoundClosed(id)) { Timestamp = DateTimeOffset.UtcNow });
                rounds.Add((round, events));
            }

            foreach (var (round, events) in rounds)
            {
                var latest = events.GroupBy(e => e.Subject).Select(g => g.Last().Answered).ToList();
                var summary = GetCheckInSummaryEndpoint.Summarise(round, alliance, viewer);
                Assert.Equal(latest.Count, summary.Respondents);
                foreach (var imperative in imperatives)
                {
                    var given = latest.SelectMany(a => a.Answers.Where(x => x.ImperativeId == imperative.Id).Select(x => new Rating(a.Role, x.Rating))).ToList();
                    var shown = summary.Imperatives.Single(i => i.ImperativeId == imperative.Id);
                    Assert.Equal(given.Count, shown.Answered);
                    // An open round shows how many answered, nothing of what they answered.
                    if (!round.Closed || !Shown(given)) Assert.Null(shown.Distribution);
                    else
                    {
                        foreach (var value in Enumerable.Range(1, 5)) Assert.Equal(given.Count(g => g.Value == value), shown.Distribution![value.ToString()]);
                        Assert.Equal(given.Count(g => g.Value is null), shown.Distribution!["cantSay"]);
                    }
                    Assert.Equal(round.Closed && Shown(given) ? Median(given) : null, shown.Median);
                    if (!round.Closed) Assert.Empty(shown.ByRole);
                    var roleMedians = shown.ByRole.Values.Select(v => v.Median).OfType<double>().ToList();
                    Assert.Equal(roleMedians.Count < 2 ? null : roleMedians.Max() - roleMedians.Min(), shown.Divergence?.Gap);
                }
            }

            foreach (var imperative in imperatives)
            {
                var trend = ReadCheckInRoundsEndpoint.TrendOf(imperative, [.. rounds.Select(r => r.Round)]);
                var closed = rounds.Where(r => r.Round.Closed).ToList();
                var points = closed.Select(r => (r.Round.PeriodEnd, Given: r.Events.GroupBy(e => e.Subject).Select(g => g.Last().Answered)
                        .SelectMany(a => a.Answers.Where(x => x.ImperativeId == imperative.Id).Select(x => new Rating(a.Role, x.Rating))).ToList()))
                    .Select(p => (p.PeriodEnd, Median: Shown(p.Given) ? Median(p.Given) : null))
                    .Where(p => p.Median is not null).Select(p => (p.PeriodEnd, p.Median!.Value)).ToList();
                Assert.Equal(closed.Select(r => r.Round.Id), trend.Rounds.Select(r => r.CheckInId));
                Assert.Equal(Direction(points), trend.Direction);
            }
        }
    }

    /// <summary>Theil–Sen written out again: the median pairwise slope, a noise band of twice the residuals' robust spread.</summary>
    private static TrendDirection Direction(List<(DateOnly On, double Value)> points)
    {
        if (points.Count < 3) return TrendDirection.InsufficientData;
        double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
        var day0 = points.Min(p => p.On.DayNumber);
        var xs = points.Select(p => (double)(p.On.DayNumber - day0)).ToArray();
        var slopes = new List<double>();
        for (var i = 0; i < points.Count; i++)
            for (var j = i + 1; j < points.Count; j++)
                if (xs[i] != xs[j]) slopes.Add((points[j].Value - points[i].Value) / (xs[j] - xs[i]));
        var slope = Mid(slopes);
        var intercept = Mid(points.Select((p, i) => p.Value - slope * xs[i]));
        var residuals = points.Select((p, i) => p.Value - intercept - slope * xs[i]).ToList();
        var noise = 2 * 1.4826 * Mid(residuals.Select(r => Math.Abs(r - Mid(residuals))));
        var change = slope * xs.Max();
        return Math.Abs(change) <= noise || change == 0 ? TrendDirection.Steady : change > 0 ? TrendDirection.Rising : TrendDirection.Falling;
    }

    /// <summary>
    /// Whether a closed round's distribution and median show: from 5 answers, unless all but one gave one answer and
    /// those are fewer than 5 (the one would know what the others said).
    /// </summary>
    private static bool Shown(IReadOnlyList<Rating> answers)
    {
        var alike = answers.GroupBy(a => a.Value).Select(g => g.Count()).Order().ToList();
        return answers.Count >= 5 && !(alike.Count == 2 && alike[0] == 1 && alike[1] < 5);
    }

    private static double? Median(IReadOnlyList<Rating> answers)
    {
        var values = answers.Where(a => a.Value is not null).Select(a => a.Value!.Value).Order().ToArray();
        if (values.Length < 3) return null;
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2.0;
    }
}
