using System.Text;

namespace ImpactJournal.Bench;

/// <summary>The figures of a run as a markdown table: service, raw baseline, ratio, target.</summary>
public sealed class Report(BenchOptions options)
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    public void Row(string measure, string service, string baseline, string ratio, string target, bool? met) =>
        _rows.Add([measure, service, baseline, ratio, target, met switch { true => "yes", false => "**no**", null => "" }]);

    public void Note(string note) => _notes.Add(note);

    public void Print()
    {
        var text = new StringBuilder();
        text.AppendLine($"### {options.Suite} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Commit()}");
        text.AppendLine();
        text.AppendLine("| measure | service | raw PostgreSQL baseline | ratio | target | met |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in _rows) text.AppendLine($"| {string.Join(" | ", row)} |");
        text.AppendLine();
        foreach (var note in _notes) text.AppendLine($"- {note}");
        Console.WriteLine();
        Console.WriteLine(text);
        if (options.RecordTo is { } file) File.AppendAllText(file, Environment.NewLine + text);
    }

    private static string Commit()
    {
        try
        {
            var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", "rev-parse --short HEAD")
                { RedirectStandardOutput = true })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return sha.Length > 0 ? sha : "unknown";
        }
        catch
        {
            return "unknown";
        }
    }
}
