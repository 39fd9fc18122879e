namespace ImpactJournal.Bench;

/// <summary>Latencies of completed operations, and the errors, of one load phase.</summary>
public sealed class Latencies
{
    private readonly List<double> _millis = [];
    private long _errors;
    private readonly Lock _lock = new();

    public void Add(double millis) { lock (_lock) _millis.Add(millis); }
    public void Error() => Interlocked.Increment(ref _errors);

    public IReadOnlyList<double> All { get { lock (_lock) return [.. _millis]; } }

    public static Latencies Of(IEnumerable<double> millis)
    {
        var latencies = new Latencies();
        foreach (var m in millis) latencies.Add(m);
        return latencies;
    }

    public long Count { get { lock (_lock) return _millis.Count; } }
    public long Errors => Interlocked.Read(ref _errors);

    public double Percentile(double p)
    {
        lock (_lock)
        {
            if (_millis.Count == 0) return double.NaN;
            var sorted = _millis.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    /// <summary>Runs <paramref name="clients"/> loops of <paramref name="operation"/> for the duration.</summary>
    public static async Task<(Latencies Latencies, double PerSecond)> RunAsync(int clients, TimeSpan duration,
        Func<int, Func<Task<bool>>> operationForClient)
    {
        var latencies = new Latencies();
        var until = DateTime.UtcNow + duration;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var operation = operationForClient(client);
            while (DateTime.UtcNow < until)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                bool ok;
                try { ok = await operation(); }
                catch (Exception) { ok = false; }
                if (ok) latencies.Add(watch.Elapsed.TotalMilliseconds);
                else latencies.Error();
            }
        })));
        return (latencies, latencies.Count / started.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Times <paramref name="service"/> and <paramref name="raw"/> in alternation after a warm-up, so both meet the same
    /// moments of a shared, noisy machine: up to <paramref name="samples"/> pairs, at least <paramref name="minimum"/>,
    /// and no new pair once <paramref name="budget"/> has passed.
    /// </summary>
    public static async Task<(Latencies Service, Latencies Raw)> PairedAsync(Func<Task> service, Func<Task> raw,
        int samples, int minimum, TimeSpan budget)
    {
        for (var i = 0; i < 5; i++) { await service(); await raw(); }
        var (s, r) = (new Latencies(), new Latencies());
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < samples && (i < minimum || elapsed.Elapsed < budget); i++)
        {
            s.Add(await TimeOnceAsync(service));
            r.Add(await TimeOnceAsync(raw));
        }
        return (s, r);
    }

    private static async Task<double> TimeOnceAsync(Func<Task> operation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await operation();
        return watch.Elapsed.TotalMilliseconds;
    }
}
