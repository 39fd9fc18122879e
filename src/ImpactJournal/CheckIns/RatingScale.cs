namespace ImpactJournal.CheckIns;

/// <summary>The five points of "how well are we living it?", in the words people answer with.</summary>
public static class RatingScale
{
    public static readonly IReadOnlyList<(int Value, string Words)> Points =
    [
        (1, "Not at all"),
        (2, "Rarely"),
        (3, "Sometimes"),
        (4, "Mostly"),
        (5, "Fully"),
    ];

    public const string CantSay = "Can't say";

    public static string WordsFor(int value) => Points.First(p => p.Value == value).Words;

    /// <summary>A median (which may fall between two points) in words: "Mostly (4)", "between Sometimes and Mostly (3.5)".</summary>
    public static string Describe(double median)
    {
        var lower = (int)Math.Floor(median);
        var text = median.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return lower == median ? $"{WordsFor(lower)} ({text})" : $"between {WordsFor(lower)} and {WordsFor(lower + 1)} ({text})";
    }
}
