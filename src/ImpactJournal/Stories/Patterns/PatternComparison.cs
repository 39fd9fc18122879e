using System.Globalization;

namespace ImpactJournal.Stories.Patterns;

/// <summary>Where two groups' patterns differ, in plain words: per question, the shift of the means and the share in each corner.</summary>
public sealed record QuestionDifference(string Key, string Prompt, IReadOnlyList<string> Sentences);

public static class PatternComparison
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>The differences between the first group (<paramref name="first"/>) and the second, question by question.</summary>
    public static IReadOnlyList<QuestionDifference> Between(StoryPattern first, StoryPattern second)
    {
        var differences = new List<QuestionDifference>();
        if (first.Withheld || second.Withheld)
        {
            var which = first.Withheld ? "The first group" : "The second group";
            differences.Add(new QuestionDifference("", "", [$"{which} has fewer than 5 stories, so the two are not compared."]));
            return differences;
        }
        foreach (var (a, b) in first.Triads.Zip(second.Triads)) differences.Add(new(a.Key, a.Prompt, Triad(a, b)));
        foreach (var (a, b) in first.Dyads.Zip(second.Dyads)) differences.Add(new(a.Key, a.Prompt, Dyad(a, b)));
        foreach (var (a, b) in first.Choices.Zip(second.Choices)) differences.Add(new(a.Key, a.Prompt, Choice(a, b)));
        return differences;
    }

    private static IReadOnlyList<string> Triad(TriadPattern a, TriadPattern b)
    {
        if (a is not { Mean: { } ma, Regions: { } ra, Answered: int na } || b is not { Mean: { } mb, Regions: { } rb, Answered: int nb })
            return [NotCompared(a.Answered, b.Answered)];
        double[] first = [ma.A, ma.B, ma.C], second = [mb.A, mb.B, mb.C];
        var most = Enumerable.Range(0, 3).MaxBy(i => second[i] - first[i]);
        var shift = second[most] - first[most];
        var sentences = new List<string>
        {
            Points(shift) < 1
                ? "The middle of the second group is where the first group's is (within a point)."
                : $"The second group leans more towards \u201c{a.Labels[most]}\u201d: on average {Percent(second[most])} against {Percent(first[most])} ({Points(shift)} points more)."
        };
        foreach (var (region, i) in ra.Select((r, i) => (r, i)))
        {
            var (sa, sb) = (Share((int)region.Count, na), Share((int)rb[i].Count, nb));
            var place = region.Region == "middle" ? "In the middle (no label reaching 60%)" : $"Near \u201c{region.Label}\u201d (60% or more)";
            sentences.Add($"{place}: {Percent(sa)} of the first group's stories, {Percent(sb)} of the second's.");
        }
        return sentences;
    }

    private static IReadOnlyList<string> Dyad(DyadPattern a, DyadPattern b)
    {
        if (a is not { Mean: { } ma } || b is not { Mean: { } mb }) return [NotCompared(a.Answered, b.Answered)];
        var shift = mb - ma;
        if (Points(shift) < 1) return [$"Both groups are on average at the same place between \u201c{a.Poles[0]}\u201d and \u201c{a.Poles[1]}\u201d ({Percent(ma)} of the way)."];
        var towards = shift > 0 ? a.Poles[1] : a.Poles[0];
        return [$"The second group is on average nearer \u201c{towards}\u201d: {Percent(mb)} of the way from \u201c{a.Poles[0]}\u201d against {Percent(ma)} ({Points(shift)} points)."];
    }

    private static IReadOnlyList<string> Choice(ChoicePattern a, ChoicePattern b)
    {
        if (a is not { Counts: { } ca, Answered: int na } || b is not { Counts: { } cb, Answered: int nb })
            return [NotCompared(a.Answered, b.Answered)];
        var shares = ca.Select((c, i) => (c.Option, First: c.Count is int x ? Share(x, na) : (double?)null, Second: cb[i].Count is int y ? Share(y, nb) : (double?)null))
            .Where(s => s.First is not null && s.Second is not null).ToList();
        if (shares.Count == 0) return ["Too few answers to compare."];
        var most = shares.MaxBy(s => Math.Abs(s.Second!.Value - s.First!.Value));
        if (Points(most.Second!.Value - most.First!.Value) < 1) return ["The two groups answered in the same shares."];
        return [$"The biggest difference is \u201c{most.Option}\u201d: {Percent(most.Second!.Value)} of the second group's answers against {Percent(most.First!.Value)} of the first's."];
    }

    private static string NotCompared(object first, object second) =>
        first is string || second is string ? "Fewer than 5 stories answered this in one of the groups, so it is not compared."
            : "No stories answered this in one of the groups.";

    private static double Share(int count, int of) => of == 0 ? 0 : (double)count / of;

    private static int Points(double shift) => (int)Math.Round(Math.Abs(shift) * 100, MidpointRounding.AwayFromZero);

    private static string Percent(double share) => (share * 100).ToString("0", English) + "%";
}
