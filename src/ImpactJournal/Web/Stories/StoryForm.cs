using System.Globalization;
using ImpactJournal.Journal;
using ImpactJournal.Stories;

namespace ImpactJournal.Web;

/// <summary>What a teller typed into "Tell a story", kept as typed so a refused form loses nothing.</summary>
public sealed class StoryForm
{
    public Guid Id { get; set; }
    public string? Title { get; set; }
    public string? Narrative { get; set; }
    public string? TellerRole { get; set; }
    public string? ToldOn { get; set; }
    public string? DomainOfChange { get; set; }
    /// <summary>Themes typed into one box, separated by commas.</summary>
    public string? Themes { get; set; }
    public ConsentScope? Scope { get; set; }
    public bool Identifiable { get; set; }
    public string? ExpiresOn { get; set; }
    public Guid? PartnerId { get; set; }
    public List<TriadAnswer> Triads { get; set; } = [];
    public List<DyadAnswer> Dyads { get; set; } = [];
    public List<ChoiceAnswer> Choices { get; set; } = [];

    /// <summary>One answer slot per question of the framework, in its order.</summary>
    public void Fit(SignificationFramework? framework)
    {
        if (framework is null) return;
        Triads = [.. framework.Triads.Select(t => Triads.FirstOrDefault(a => a.Key == t.Key) ?? new TriadAnswer { Key = t.Key })];
        Dyads = [.. framework.Dyads.Select(d => Dyads.FirstOrDefault(a => a.Key == d.Key) ?? new DyadAnswer { Key = d.Key })];
        Choices = [.. framework.Choices.Select(c => Choices.FirstOrDefault(a => a.Key == c.Key) ?? new ChoiceAnswer { Key = c.Key })];
    }

    /// <summary>The signifiers as the API takes them: unanswered questions (and triads whose numbers are refused) are left out.</summary>
    public SignifiersInput Signifiers() => new(
        Triads.Where(t => !t.Blank && t.Problem() is null).ToDictionary(t => t.Key!, t => (IReadOnlyList<double?>?)[.. t.Percentages().Select(p => p / 100)]),
        Dyads.Where(d => !d.Skip).ToDictionary(d => d.Key!, d => (double?)Math.Clamp(d.Position, 0, 100) / 100),
        Choices.Where(c => !string.IsNullOrEmpty(c.Option)).ToDictionary(c => c.Key!, c => c.Option));
}

/// <summary>A triad as three percentages, typed or set by placing the marker in the triangle.</summary>
public sealed class TriadAnswer
{
    public string? Key { get; set; }
    public string? First { get; set; }
    public string? Second { get; set; }
    public string? Third { get; set; }

    public bool Blank => string.IsNullOrWhiteSpace(First) && string.IsNullOrWhiteSpace(Second) && string.IsNullOrWhiteSpace(Third);

    public double?[] Percentages() => [Parse(First), Parse(Second), Parse(Third)];

    /// <summary>Why the three numbers cannot be used, in the teller's terms; null when they can.</summary>
    public string? Problem()
    {
        if (Blank) return null;
        var numbers = Percentages();
        if (numbers.Any(n => n is null or < 0 or > 100)) return "Give each of the three a number from 0 to 100, or leave all three empty.";
        var sum = numbers.Sum(n => n!.Value);
        return Math.Abs(sum - 100) > 1 ? $"The three numbers must add up to 100 %; they add up to {sum.ToString("0.#", CultureInfo.InvariantCulture)} %." : null;
    }

    private static double? Parse(string? typed) =>
        double.TryParse(typed?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;
}

/// <summary>A dyad as a position from 0 (the left pole) to 100 (the right), unless the teller skips it.</summary>
public sealed class DyadAnswer
{
    public string? Key { get; set; }
    public int Position { get; set; } = 50;
    public bool Skip { get; set; }
}

public sealed class ChoiceAnswer
{
    public string? Key { get; set; }
    public string? Option { get; set; }
}
