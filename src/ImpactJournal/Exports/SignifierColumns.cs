using System.Globalization;
using ImpactJournal.Stories;

namespace ImpactJournal.Exports;

public enum SignifierKind
{
    Triad,
    Dyad,
    Choice
}

/// <summary>One column of signifier values: a corner of a triad, a dyad, or a choice, by its framework key.</summary>
public sealed record SignifierColumn(string Name, SignifierKind Kind, string Key, int Corner = 0)
{
    /// <summary>The story's value in this column (a weight or position from 0 to 1, or the option chosen), or null.</summary>
    public string? ValueIn(Signifiers? signifiers)
    {
        if (signifiers is null) return null;
        return Kind switch
        {
            SignifierKind.Triad => signifiers.Triads.TryGetValue(Key, out var weights) && weights.Count > Corner ? Number(weights[Corner]) : null,
            SignifierKind.Dyad => signifiers.Dyads.TryGetValue(Key, out var position) ? Number(position) : null,
            _ => signifiers.Choices.TryGetValue(Key, out var option) ? option : null
        };
    }

    /// <summary>A plain decimal (never an exponent): what spreadsheets, R and XML Schema's decimal all read.</summary>
    public static string Number(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>
/// The signifier columns of an alliance's stories across every version of its framework: a question keeps its
/// column across versions that share its key, named with the words of the newest version that asked it.
/// </summary>
public static class SignifierColumns
{
    public static IReadOnlyList<SignifierColumn> Of(IEnumerable<SignificationFramework> versions, IEnumerable<string> taken)
    {
        var names = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>();
        var columns = new List<SignifierColumn>();
        string Unique(string name)
        {
            var unique = name;
            for (var n = 2; !names.Add(unique); n++) unique = $"{name} ({n})";
            return unique;
        }

        foreach (var framework in versions.OrderByDescending(f => f.Version))
        {
            foreach (var triad in framework.Triads.Where(t => seen.Add("triad:" + t.Key)))
                for (var corner = 0; corner < triad.Labels.Count; corner++)
                    columns.Add(new SignifierColumn(Unique($"{triad.Key}: {triad.Labels[corner]}"), SignifierKind.Triad, triad.Key, corner));
            foreach (var dyad in framework.Dyads.Where(d => seen.Add("dyad:" + d.Key)))
                columns.Add(new SignifierColumn(Unique($"{dyad.Key}: {dyad.Left} to {dyad.Right}"), SignifierKind.Dyad, dyad.Key));
            foreach (var choice in framework.Choices.Where(c => seen.Add("choice:" + c.Key)))
                columns.Add(new SignifierColumn(Unique(choice.Key), SignifierKind.Choice, choice.Key));
        }
        return columns;
    }
}
