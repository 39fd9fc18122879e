using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

/// <summary>What a round's answers on one imperative may show, by hand and against a recomputation.</summary>
public sealed class when_summarising_ratings
{
    private static Rating P(int? value) => new(AllianceRole.Partner, value);
    private static Rating C(int? value) => new(AllianceRole.Commissioner, value);
    private static Rating F(int? value) => new(AllianceRole.Facilitator, value);

    [Fact]
    public void fewer_than_three_answers_show_neither_a_distribution_nor_a_median()
    {
        var ratings = ImperativeRatings.Of([P(4), C(2)]);
        Assert.Equal(2, ratings.Answered);
        Assert.Null(ratings.Distribution);
        Assert.Null(ratings.Median);
        Assert.All(ratings.ByRole.Values, role => Assert.Null(role.Median));
        Assert.Null(ratings.Divergence);
    }

    [Fact]
    public void three_answers_show_the_distribution_but_a_median_needs_three_ratings()
    {
        var ratings = ImperativeRatings.Of([P(4), P(5), C(null)]);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 0, ["2"] = 0, ["3"] = 0, ["4"] = 1, ["5"] = 1, ["cantSay"] = 1 }, ratings.Distribution);
        Assert.Null(ratings.Median);
    }

    [Fact]
    public void roles_that_see_an_imperative_two_points_apart_diverge()
    {
        var ratings = ImperativeRatings.Of([P(5), P(4), P(5), P(4), C(2), C(2), C(3), F(4)]);
        Assert.Equal(4, ratings.Median);
        Assert.Equal(4.5, ratings.ByRole[AllianceRole.Partner].Median);
        Assert.Equal(2, ratings.ByRole[AllianceRole.Commissioner].Median);
        Assert.Equal(new RoleView(1, null), ratings.ByRole[AllianceRole.Facilitator]);
        Assert.Equal(new Divergence(2.5, AllianceRole.Commissioner, AllianceRole.Partner, "diverges"), ratings.Divergence);

        Assert.Equal("differs", ImperativeRatings.Of([P(4), P(4), P(4), C(3), C(3), C(3)]).Divergence!.Level);
        Assert.Equal("aligned", ImperativeRatings.Of([P(4), P(4), P(4), C(4), C(3), C(4)]).Divergence!.Level);
    }

    [Fact]
    public void random_answers_agree_with_a_recomputation()
    {
        var random = new Random(3);
        var roles = Enum.GetValues<AllianceRole>();
        for (var round = 0; round < 500; round++)
        {
            var answers = Enumerable.Range(0, random.Next(0, 25))
                .Select(_ => new Rating(roles[random.Next(roles.Length)], random.Next(6) switch { 0 => (int?)null, var v => v })).ToList();
            var ratings = ImperativeRatings.Of(answers);

            Assert.Equal(answers.Count, ratings.Answered);
            if (answers.Count < 3) Assert.Null(ratings.Distribution);
            else Assert.Equal(answers.Count, ratings.Distribution!.Values.Sum());
            Assert.Equal(Median(answers), ratings.Median);
            var medians = roles.Select(r => (Role: r, Median: Median(answers.Where(a => a.Role == r).ToList()))).Where(r => r.Median is not null).ToList();
            foreach (var role in roles)
                Assert.Equal(Median(answers.Where(a => a.Role == role).ToList()), ratings.ByRole.GetValueOrDefault(role)?.Median);
            if (medians.Count < 2) Assert.Null(ratings.Divergence);
            else Assert.Equal(medians.Max(m => m.Median)!.Value - medians.Min(m => m.Median)!.Value, ratings.Divergence!.Gap);
        }
    }

    private static double? Median(IReadOnlyList<Rating> answers)
    {
        var values = answers.Where(a => a.Value is not null).Select(a => a.Value!.Value).Order().ToArray();
        if (values.Length < 3) return null;
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2.0;
    }
}
