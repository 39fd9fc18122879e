namespace ImpactJournal.Bench;

/// <summary>Samples the service process's resident memory until stopped; reports the peak in MB.</summary>
public sealed class PeakMemory
{
    private readonly int? _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakKb;

    public PeakMemory(int? pid)
    {
        _pid = pid;
        _sampling = pid is null ? Task.CompletedTask : Task.Run(SampleAsync);
    }

    public double? Stop()
    {
        _stop.Cancel();
        _sampling.Wait();
        return _pid is null ? null : _peakKb / 1024.0;
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var rss = File.ReadLines($"/proc/{_pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            if (rss is not null && long.TryParse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
                _peakKb = Math.Max(_peakKb, kb);
            try { await Task.Delay(50, _stop.Token); } catch (OperationCanceledException) { }
        }
    }
}
