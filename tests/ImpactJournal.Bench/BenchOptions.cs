namespace ImpactJournal.Bench;

public sealed record BenchOptions(
    string Suite,
    Uri Service,
    string ConnectionString,
    int? ServicePid,
    string SigningKey,
    int Clients,
    TimeSpan Duration,
    int ImportRows,
    string WorkDir,
    string? RecordTo,
    string Phase,
    TimeSpan LiveDuration,
    TimeSpan BoardPace,
    double Scale)
{
    public static BenchOptions Parse(string[] args)
    {
        string Arg(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, $"--{name}");
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"--{name} is required");
        }

        return new BenchOptions(
            args.FirstOrDefault(a => !a.StartsWith("--")) ?? "observations",
            new Uri(Arg("url")),
            Arg("connection"),
            int.TryParse(Arg("pid", ""), out var pid) ? pid : null,
            Arg("signing-key"),
            int.Parse(Arg("clients", "32")),
            TimeSpan.FromSeconds(double.Parse(Arg("seconds", "20"))),
            int.Parse(Arg("rows", "1000000")),
            Arg("workdir", Path.GetTempPath()),
            args.Contains("--record") ? Arg("record-file", "docs/benchmarks.md") : null,
            Arg("phase", "all"),
            TimeSpan.FromSeconds(double.Parse(Arg("live-seconds", "60"))),
            TimeSpan.FromSeconds(double.Parse(Arg("pace-seconds", "1"), System.Globalization.CultureInfo.InvariantCulture)),
            double.Parse(Arg("scale", "1"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
