using System.Diagnostics;

namespace ImpactJournal.Bench;

/// <summary>CPU seconds used by the service, by PostgreSQL and by this load generator, so a figure taken on shared cores can be read.</summary>
public sealed class CpuTime
{
    private readonly int? _service;
    private readonly (double Service, double Postgres, double Load) _start;

    public CpuTime(int? servicePid)
    {
        _service = servicePid;
        _start = Now();
    }

    public string Used()
    {
        var now = Now();
        return $"service {now.Service - _start.Service:0} s, PostgreSQL {now.Postgres - _start.Postgres:0} s, load generator {now.Load - _start.Load:0} s";
    }

    private (double Service, double Postgres, double Load) Now()
    {
        var postgres = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Name(pid) == "postgres") postgres += Seconds(pid);
        return (_service is { } s ? Seconds(s) : 0, postgres, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    private static string? Name(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>utime + stime of a process, in seconds (clock ticks of 1/100 s).</summary>
    private static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
