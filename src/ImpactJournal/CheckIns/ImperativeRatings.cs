using ImpactJournal.Access;
using ImpactJournal.Indicators;

namespace ImpactJournal.CheckIns;

/// <summary>One person's answer on one imperative: a rating from 1 (not at all) to 5 (fully), or null for "can't say".</summary>
public sealed record Rating(AllianceRole Role, int? Value);

/// <summary>
/// How one role saw an imperative: how many answered (a number from 3, else <c>"&lt;3"</c>) and their middle answer,
/// or why it is withheld.
/// </summary>
public sealed record RoleView(object Answered, double? Median, string? Withheld = null);

/// <summary>
/// The widest gap between two roles' medians on one imperative: <c>aligned</c> under one point, <c>differs</c>
/// from one point, <c>diverges</c> from two — the relational signal worth a conversation.
/// </summary>
public sealed record Divergence(double Gap, AllianceRole Lowest, AllianceRole Highest, string Level);

/// <summary>
/// What a closed round's answers on one imperative may show, so that someone who knows who holds which role, and may
/// have answered themselves, cannot work out any one person's answer. Never an average alone: the distribution of
/// answers (1–5 and "can't say") and the median, from <see cref="FewestShown"/> answers (a distribution of one value is
/// then the group's consensus), but not where all but one gave the same answer and those are fewer than
/// <see cref="FewestShown"/> (the one who gave the other answer would know theirs); each role's count (<c>"&lt;3"</c>
/// below 3) and middle answer (from 3 ratings, and only where no answer could be worked out from the role medians
/// beside the distribution, by a reader who answered or not, see <see cref="RoleMedianCheck"/>); the divergence
/// between the role medians shown. Every choice to withhold depends only on what is shown beside it (the counts and
/// the distribution), so a withheld value says nothing more. Open rounds show none of it (<see cref="WhileOpen"/>).
/// </summary>
public sealed record ImperativeRatings(
    int Answered,
    IReadOnlyDictionary<string, int>? Distribution,
    double? Median,
    string? Withheld,
    IReadOnlyDictionary<AllianceRole, RoleView> ByRole,
    Divergence? Divergence)
{
    public const int FewestShown = 5;
    public const int FewestInRole = 3;
    public const string FewerInRole = "<3";
    public const string CantSay = "cantSay";

    /// <summary>Why a distribution or a median is not shown, in the words the summaries use.</summary>
    public static class Reasons
    {
        public const string RoundOpen = "the round is open: answers show once it closes";
        public const string FewAnswered = "fewer than 5 answered";
        public const string FewRatings = "fewer than 3 ratings";
        public const string WouldPin = "beside the other figures it would let someone's answer be worked out";
        public const string AllButOneAgree = "all but one gave the same answer, and fewer than 5 of them: the one would know the others' answers";
    }

    /// <summary>An open round: how many answered, nothing about what they answered (two reads could be differenced).</summary>
    public static ImperativeRatings WhileOpen(int answered) =>
        new(answered, null, null, Reasons.RoundOpen, new Dictionary<AllianceRole, RoleView>(), null);

    /// <summary>
    /// A closed round's final answers on one imperative. Reads that show only the count and the median (the trend, a
    /// previous round) pass <paramref name="roleMedians"/> false and skip the role medians' check.
    /// </summary>
    public static ImperativeRatings Of(IReadOnlyCollection<Rating> ratings, bool roleMedians = true)
    {
        var roles = ratings.GroupBy(r => r.Role).OrderBy(g => g.Key).ToList();
        ImperativeRatings Withhold(string reason) => new(ratings.Count, null, null, reason,
            roles.ToDictionary(g => g.Key, g => new RoleView(CountOf(g.Count()), null, reason)), null);
        if (ratings.Count < FewestShown) return Withhold(Reasons.FewAnswered);

        var distribution = DistributionOf(ratings);
        if (AllButOneAgreeBelowFewestShown(distribution)) return Withhold(Reasons.AllButOneAgree);
        var consensus = distribution.Values.Count(n => n > 0) == 1;
        var safe = roleMedians && (consensus || !RoleMedianCheck.CouldPin([.. roles.Select(g => g.Count())], [.. Buckets.Select(b => distribution[b])]));
        // Withheld for every role alike, so that which roles had 3 ratings is not shown either.
        var byRole = roles.ToDictionary(g => g.Key, g => !safe ? new RoleView(CountOf(g.Count()), null, Reasons.WouldPin)
            : MedianOf(g) is { } median ? new RoleView(CountOf(g.Count()), median)
            : new RoleView(CountOf(g.Count()), null, Reasons.FewRatings));
        var median = MedianOf(ratings);
        return new ImperativeRatings(ratings.Count, distribution, median, median is null ? Reasons.FewRatings : null, byRole, DivergenceOf(byRole));
    }

    /// <summary>
    /// Whether the one who gave the odd answer out, taking it away, would see everyone else agree, with fewer than 5 of
    /// them: a consensus shows only from 5 who gave it (the reader who answered it too counts among them when everyone
    /// agreed, since then everyone sees it).
    /// </summary>
    private static bool AllButOneAgreeBelowFewestShown(IReadOnlyDictionary<string, int> distribution)
    {
        var given = distribution.Values.Where(n => n > 0).Order().ToList();
        return given is [1, < FewestShown];
    }

    /// <summary>The distribution's keys in the order the check reads them: "can't say", then 1 to 5.</summary>
    private static readonly string[] Buckets = [CantSay, "1", "2", "3", "4", "5"];

    private static object CountOf(int answered) => answered < FewestInRole ? FewerInRole : answered;

    private static Dictionary<string, int> DistributionOf(IReadOnlyCollection<Rating> ratings)
    {
        var distribution = Enumerable.Range(1, 5).ToDictionary(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
            v => ratings.Count(r => r.Value == v));
        distribution[CantSay] = ratings.Count(r => r.Value is null);
        return distribution;
    }

    /// <summary>The median of the ratings given (not "can't say"), from 3 of them.</summary>
    public static double? MedianOf(IEnumerable<Rating> ratings)
    {
        var values = ratings.Where(r => r.Value is not null).Select(r => (double)r.Value!.Value).ToList();
        return values.Count < FewestInRole ? null : TrendMethod.Median(values);
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
