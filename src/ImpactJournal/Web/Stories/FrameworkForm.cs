using System.Text;
using ImpactJournal.Stories;

namespace ImpactJournal.Web;

/// <summary>
/// The signification framework as an editable form: one row per question, a blank row of each kind to add
/// one, and a "remove" box on each. Keys may be left empty; they are made from the question.
/// </summary>
public sealed class FrameworkForm
{
    public List<TriadRow> Triads { get; set; } = [];
    public List<DyadRow> Dyads { get; set; } = [];
    public List<ChoiceRow> Choices { get; set; } = [];

    /// <summary>The version of the framework the form was filled in from (0: there was none), so a save over a newer one is refused.</summary>
    public long? ExpectedVersion { get; set; }

    public static FrameworkForm Of(SignificationFramework? framework) => new()
    {
        ExpectedVersion = framework?.Version ?? 0,
        Triads = [.. (framework?.Triads ?? []).Select(t => new TriadRow { Key = t.Key, Prompt = t.Prompt, First = t.Labels[0], Second = t.Labels[1], Third = t.Labels[2] }), new TriadRow()],
        Dyads = [.. (framework?.Dyads ?? []).Select(d => new DyadRow { Key = d.Key, Prompt = d.Prompt, Left = d.Left, Right = d.Right }), new DyadRow()],
        Choices = [.. (framework?.Choices ?? []).Select(c => new ChoiceRow { Key = c.Key, Prompt = c.Prompt, Options = string.Join("\n", c.Options) }), new ChoiceRow()],
    };

    /// <summary>The API's command from the rows kept, and for each of its items the form row it came from.</summary>
    public (ReviseSignificationFramework Command, Dictionary<string, string> RowOf) ToCommand()
    {
        var keys = new HashSet<string>();
        var rowOf = new Dictionary<string, string>();
        List<T> Keep<T, TRow>(List<TRow> rows, string kind, Func<TRow, string, T> make) where TRow : QuestionRow
        {
            var kept = new List<T>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Remove || rows[i].IsBlank) continue;
                rowOf[$"{kind}[{kept.Count}]"] = $"Form.{char.ToUpperInvariant(kind[0])}{kind[1..]}[{i}]";
                kept.Add(make(rows[i], KeyFor(rows[i], keys)));
            }
            return kept;
        }
        var triads = Keep(Triads, "triads", (t, key) => new TriadInput(key, t.Prompt, [t.First, t.Second, t.Third]));
        var dyads = Keep(Dyads, "dyads", (d, key) => new DyadInput(key, d.Prompt, d.Left, d.Right));
        var choices = Keep(Choices, "choices", (c, key) => new ChoiceInput(key, c.Prompt,
            [.. (c.Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]));
        return (new ReviseSignificationFramework(triads, dyads, choices, ExpectedVersion), rowOf);
    }

    /// <summary>The key typed, or one made from the question: "How much say did you have?" → "how-much-say-did-you-have".</summary>
    private static string KeyFor(QuestionRow row, HashSet<string> taken)
    {
        if (!string.IsNullOrWhiteSpace(row.Key)) return row.Key.Trim();
        var slug = new StringBuilder();
        foreach (var c in (row.Prompt ?? "").ToLowerInvariant())
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        var key = slug.ToString().Trim('-');
        key = key.Length == 0 ? "question" : key[..Math.Min(key.Length, FrameworkLimits.KeyLength - 4)].Trim('-');
        var unique = key;
        for (var n = 2; !taken.Add(unique); n++) unique = $"{key}-{n}";
        return unique;
    }
}

public abstract class QuestionRow
{
    public string? Key { get; set; }
    public string? Prompt { get; set; }
    public bool Remove { get; set; }
    public abstract bool IsBlank { get; }
}

public sealed class TriadRow : QuestionRow
{
    public string? First { get; set; }
    public string? Second { get; set; }
    public string? Third { get; set; }
    public override bool IsBlank => new[] { Key, Prompt, First, Second, Third }.All(string.IsNullOrWhiteSpace);
}

public sealed class DyadRow : QuestionRow
{
    public string? Left { get; set; }
    public string? Right { get; set; }
    public override bool IsBlank => new[] { Key, Prompt, Left, Right }.All(string.IsNullOrWhiteSpace);
}

public sealed class ChoiceRow : QuestionRow
{
    public string? Options { get; set; }
    public override bool IsBlank => new[] { Key, Prompt, Options }.All(string.IsNullOrWhiteSpace);
}
