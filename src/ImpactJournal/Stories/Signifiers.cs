using ImpactJournal.Infrastructure;

namespace ImpactJournal.Stories;

/// <summary>How the teller signified their story, by framework key.</summary>
public sealed record Signifiers(
    IReadOnlyDictionary<string, IReadOnlyList<double>> Triads,
    IReadOnlyDictionary<string, double> Dyads,
    IReadOnlyDictionary<string, string> Choices)
{
    public static readonly Signifiers None = new(new Dictionary<string, IReadOnlyList<double>>(),
        new Dictionary<string, double>(), new Dictionary<string, string>());

    public bool SameAs(Signifiers other) =>
        Triads.Count == other.Triads.Count && Triads.All(t => other.Triads.TryGetValue(t.Key, out var w) && w.SequenceEqual(t.Value))
        && Dyads.OrderBy(d => d.Key).SequenceEqual(other.Dyads.OrderBy(d => d.Key))
        && Choices.OrderBy(c => c.Key).SequenceEqual(other.Choices.OrderBy(c => c.Key));
}

public sealed record SignifiersInput(
    Dictionary<string, IReadOnlyList<double?>?>? Triads,
    Dictionary<string, double?>? Dyads,
    Dictionary<string, string?>? Choices)
{
    public bool IsEmpty => (Triads?.Count ?? 0) + (Dyads?.Count ?? 0) + (Choices?.Count ?? 0) == 0;

    public Signifiers ToSignifiers() => new(
        (Triads ?? []).ToDictionary(t => t.Key, t => (IReadOnlyList<double>)[.. t.Value!.Select(w => w!.Value)]),
        (Dyads ?? []).ToDictionary(d => d.Key, d => d.Value!.Value),
        (Choices ?? []).ToDictionary(c => c.Key, c => c.Value!));
}

public static class SignifierValidation
{
    public const double TriadTolerance = 0.01;

    /// <summary>Checks signifiers against the framework in force: known keys, triads summing to 1, dyads in [0, 1], known options.</summary>
    public static Validation Signifiers(this Validation validation, string field, SignifiersInput? input, SignificationFramework? framework)
    {
        if (input is null || input.IsEmpty) return validation;
        if (framework is null) return validation.Add(field, "This alliance has no signification framework yet.");

        foreach (var (key, weights) in input.Triads ?? [])
        {
            var at = $"{field}.triads.{key}";
            if (framework.Triads.All(t => t.Key != key)) validation.Add(at, "Not a triad of the framework in force.");
            else if (weights is not { Count: 3 } || weights.Any(w => w is null or < 0 or > 1 || !double.IsFinite(w.Value)))
                validation.Add(at, "Three weights, each between 0 and 1.");
            else if (Math.Abs(weights.Sum(w => w!.Value) - 1) > TriadTolerance)
                validation.Add(at, $"The three weights must sum to 1 (±{TriadTolerance}).");
        }
        foreach (var (key, position) in input.Dyads ?? [])
        {
            var at = $"{field}.dyads.{key}";
            if (framework.Dyads.All(d => d.Key != key)) validation.Add(at, "Not a dyad of the framework in force.");
            else if (position is null or < 0 or > 1 || !double.IsFinite(position.Value)) validation.Add(at, "A number between 0 and 1.");
        }
        foreach (var (key, option) in input.Choices ?? [])
        {
            var at = $"{field}.choices.{key}";
            var choice = framework.Choices.FirstOrDefault(c => c.Key == key);
            if (choice is null) validation.Add(at, "Not a choice of the framework in force.");
            else if (option is null || !choice.Options.Contains(option)) validation.Add(at, $"One of: {string.Join(", ", choice.Options)}.");
        }
        return validation;
    }
}
