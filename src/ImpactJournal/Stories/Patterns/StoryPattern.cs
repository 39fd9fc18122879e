namespace ImpactJournal.Stories.Patterns;

public sealed record PatternPoint(Guid StoryId, double A, double B, double C);

public sealed record TriadMean(double A, double B, double C);

/// <summary>A region of a triangle: a corner ("a", "b", "c": that label's weight at least 0.6) or the "middle".</summary>
public sealed record RegionCount(string Region, string Label, object Count);

public sealed record DyadValue(Guid StoryId, double Value);

/// <summary>A fifth of a dyad's line, from its left pole (0) to its right (1); the last fifth includes 1.</summary>
public sealed record HistogramBin(double From, double To, object Count);

public sealed record OptionCount(string Option, object Count);

/// <summary>A triad's pattern; <c>points</c>, <c>mean</c> and <c>regions</c> are null where they are withheld.</summary>
public sealed record TriadPattern(string Key, string Prompt, IReadOnlyList<string> Labels, object Answered,
    IReadOnlyList<PatternPoint>? Points, TriadMean? Mean, IReadOnlyList<RegionCount>? Regions);

public sealed record DyadPattern(string Key, string Prompt, IReadOnlyList<string> Poles, object Answered,
    IReadOnlyList<DyadValue>? Values, double? Mean, IReadOnlyList<HistogramBin>? Histogram);

public sealed record ChoicePattern(string Key, string Prompt, IReadOnlyList<string> Options, object Answered, IReadOnlyList<OptionCount>? Counts);

/// <summary>
/// The pattern of a group of stories: how many there are ("&lt;5" where withheld), and each question of the framework
/// in force with the stories that answered it. Stories signified under an earlier version of the framework count for a
/// question only where they answered a question with the same key.
/// </summary>
public sealed record StoryPattern(string Filter, string Words, object Stories, bool Withheld,
    IReadOnlyList<TriadPattern> Triads, IReadOnlyList<DyadPattern> Dyads, IReadOnlyList<ChoicePattern> Choices)
{
    /// <summary>A corner's region starts where its label's weight reaches this; a point with no weight this large is in the middle.</summary>
    public const double Corner = 0.6;
    public const int Bins = 5;
    public static readonly string[] Regions = ["a", "b", "c", "middle"];

    /// <summary>
    /// Draws the pattern of <paramref name="stories"/>. A commissioner's (<paramref name="forCommissioner"/>) group that
    /// may not be shown (<paramref name="groupShown"/> false) gives only "&lt;5"; so does any question fewer than five answered.
    /// </summary>
    public static StoryPattern Of(SignificationFramework? framework, PatternFilter filter, IReadOnlyList<PatternStory> stories,
        bool forCommissioner, bool groupShown = true)
    {
        var withheld = forCommissioner && !groupShown;
        object Count(int n) => forCommissioner && (withheld || PatternDisclosure.IsSmall(n)) ? PatternDisclosure.Few : n;
        bool Hidden(int answered) => withheld || (forCommissioner && answered < PatternDisclosure.Fewest);

        var triads = (framework?.Triads ?? []).Select(t =>
        {
            var points = stories.Where(s => s.Triads.ContainsKey(t.Key))
                .Select(s => (s.Id, Point: s.Triads[t.Key])).Select(s => new PatternPoint(s.Id, s.Point.A, s.Point.B, s.Point.C)).ToList();
            return Hidden(points.Count)
                ? new TriadPattern(t.Key, t.Prompt, t.Labels, Count(points.Count), null, null, null)
                : new TriadPattern(t.Key, t.Prompt, t.Labels, points.Count, points, MeanOf(points), RegionsOf(points, t.Labels));
        }).ToList();

        var dyads = (framework?.Dyads ?? []).Select(d =>
        {
            var values = stories.Where(s => s.Dyads.ContainsKey(d.Key)).Select(s => new DyadValue(s.Id, s.Dyads[d.Key])).ToList();
            return Hidden(values.Count)
                ? new DyadPattern(d.Key, d.Prompt, [d.Left, d.Right], Count(values.Count), null, null, null)
                : new DyadPattern(d.Key, d.Prompt, [d.Left, d.Right], values.Count, values,
                    values.Count == 0 ? null : values.Average(v => v.Value), HistogramOf(values));
        }).ToList();

        var choices = (framework?.Choices ?? []).Select(c =>
        {
            var answers = stories.Select(s => s.Choices.GetValueOrDefault(c.Key)).Where(o => o is not null && c.Options.Contains(o)).ToList();
            if (Hidden(answers.Count)) return new ChoicePattern(c.Key, c.Prompt, c.Options, Count(answers.Count), null);
            var counts = c.Options.Select(o => answers.Count(a => a == o)).ToList();
            var cells = forCommissioner ? PatternDisclosure.Cells(counts) : counts.Cast<object>().ToList();
            return new ChoicePattern(c.Key, c.Prompt, c.Options, answers.Count, [.. c.Options.Select((o, i) => new OptionCount(o, cells[i]))]);
        }).ToList();

        return new StoryPattern(filter.ToQuery(), filter.Describe(), Count(stories.Count), withheld, triads, dyads, choices);
    }

    /// <summary>The corner a point is in ("a", "b", "c") or "middle".</summary>
    public static string RegionOf(double a, double b, double c) =>
        a >= Corner ? "a" : b >= Corner ? "b" : c >= Corner ? "c" : "middle";

    private static TriadMean? MeanOf(IReadOnlyList<PatternPoint> points) => points.Count == 0 ? null
        : new TriadMean(points.Average(p => p.A), points.Average(p => p.B), points.Average(p => p.C));

    private static IReadOnlyList<RegionCount> RegionsOf(IReadOnlyList<PatternPoint> points, IReadOnlyList<string> labels) =>
    [
        .. Regions.Select((region, i) => new RegionCount(region, i < 3 ? labels[i] : "the middle",
            points.Count(p => RegionOf(p.A, p.B, p.C) == region)))
    ];

    public static int BinOf(double value) => Math.Clamp((int)Math.Floor(value * Bins), 0, Bins - 1);

    private static IReadOnlyList<HistogramBin> HistogramOf(IReadOnlyList<DyadValue> values) =>
    [
        .. Enumerable.Range(0, Bins).Select(i => new HistogramBin((double)i / Bins, (double)(i + 1) / Bins, values.Count(v => BinOf(v.Value) == i)))
    ];
}
