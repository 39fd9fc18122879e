using ImpactJournal.Infrastructure;

namespace ImpactJournal.Stories;

/// <summary>A triad: the teller places the story between three labels (weights summing to 1).</summary>
public sealed record Triad(string Key, string Prompt, IReadOnlyList<string> Labels);

/// <summary>A dyad: the teller places the story on a line between two poles (0..1).</summary>
public sealed record Dyad(string Key, string Prompt, string Left, string Right);

/// <summary>A multiple choice question about the story.</summary>
public sealed record Choice(string Key, string Prompt, IReadOnlyList<string> Options);

/// <summary>The alliance's SenseMaker-style signification framework; each revision is a new version.</summary>
public sealed record SignificationFramework(int Version, IReadOnlyList<Triad> Triads, IReadOnlyList<Dyad> Dyads, IReadOnlyList<Choice> Choices)
{
    public bool SameQuestionsAs(SignificationFramework other) =>
        Triads.Select(Describe).SequenceEqual(other.Triads.Select(Describe))
        && Dyads.SequenceEqual(other.Dyads)
        && Choices.Select(Describe).SequenceEqual(other.Choices.Select(Describe));

    private static string Describe(Triad t) => $"{t.Key}|{t.Prompt}|{string.Join("|", t.Labels)}";
    private static string Describe(Choice c) => $"{c.Key}|{c.Prompt}|{string.Join("|", c.Options)}";
}

/// <summary>Appended to the alliance's stream: the framework stories are signified against from now on.</summary>
public sealed record SignificationFrameworkRevised(SignificationFramework Framework);

public static class FrameworkLimits
{
    public const int Items = 20;
    public const int KeyLength = 50;
    public const int Prompt = 300;
    public const int Label = 100;
    public const int Options = 20;

    public static Validation Key(this Validation validation, string field, string? key, ISet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(key)) return validation.Add(field, "Required.");
        if (key.Length > KeyLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return validation.Add(field, $"Letters, digits, '-' or '_', at most {KeyLength} characters.");
        if (!seen.Add(key)) validation.Add(field, "Keys must be unique within the framework.");
        return validation;
    }
}
