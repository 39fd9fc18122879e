using ImpactJournal.Access;
using ImpactJournal.Indicators;

namespace ImpactJournal.CheckIns;

/// <summary>One person's answer on one imperative: a rating from 1 (not at all) to 5 (fully), or null for "can't say".</summary>
public sealed record Rating(AllianceRole Role, int? Value);

/// <summary>How one role saw an imperative: how many answered, and their median once at least 3 gave a rating.</summary>
public sealed record RoleView(int Answered, double? Median);

/// <summary>
/// The widest gap between two roles' medians on one imperative: <c>aligned</c> under one point, <c>differs</c>
/// from one point, <c>diverges</c> from two — the relational signal worth a conversation.
/// </summary>
public sealed record Divergence(double Gap, AllianceRole Lowest, AllianceRole Highest, string Level);

/// <summary>
/// What a round's answers on one imperative may show. Never an average alone: the distribution of answers
/// (1–5 and "can't say"), the median, each role's view and the divergence between roles. Nothing that could be one
/// person's rating is shown: the distribution needs at least <see cref="FewestShown"/> answers, a median at least
/// that many ratings (overall, and within a role).
/// </summary>
public sealed record ImperativeRatings(
    int Answered,
    IReadOnlyDictionary<string, int>? Distribution,
    double? Median,
    IReadOnlyDictionary<AllianceRole, RoleView> ByRole,
    Divergence? Divergence)
{
    public const int FewestShown = 3;
    public const string CantSay = "cantSay";

    public static ImperativeRatings Of(IReadOnlyCollection<Rating> ratings)
    {
        var byRole = ratings.GroupBy(r => r.Role).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => new RoleView(g.Count(), MedianOf(g)));
        return new ImperativeRatings(
            ratings.Count,
            ratings.Count < FewestShown ? null : DistributionOf(ratings),
            MedianOf(ratings),
            byRole,
            DivergenceOf(byRole));
    }

    private static Dictionary<string, int> DistributionOf(IReadOnlyCollection<Rating> ratings)
    {
        var distribution = Enumerable.Range(1, 5).ToDictionary(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
            v => ratings.Count(r => r.Value == v));
        distribution[CantSay] = ratings.Count(r => r.Value is null);
        return distribution;
    }

    private static double? MedianOf(IEnumerable<Rating> ratings)
    {
        var values = ratings.Where(r => r.Value is not null).Select(r => (double)r.Value!.Value).ToList();
        return values.Count < FewestShown ? null : TrendMethod.Median(values);
    }

    private static Divergence? DivergenceOf(IReadOnlyDictionary<AllianceRole, RoleView> byRole)
    {
        var shown = byRole.Where(r => r.Value.Median is not null).ToList();
        if (shown.Count < 2) return null;
        var lowest = shown.MinBy(r => r.Value.Median)!;
        var highest = shown.MaxBy(r => r.Value.Median)!;
        var gap = highest.Value.Median!.Value - lowest.Value.Median!.Value;
        return new Divergence(gap, lowest.Key, highest.Key, gap >= 2 ? "diverges" : gap >= 1 ? "differs" : "aligned");
    }
}
