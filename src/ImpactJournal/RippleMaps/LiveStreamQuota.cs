using System.Collections.Concurrent;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// How many live map streams each person holds open on this instance, capped at
/// <c>Live:MaxStreamsPerPerson</c> (default 8: a laptop board, a projector and a phone, with room
/// for reconnects), so that one person cannot tie up the service with idle connections.
/// </summary>
public sealed class LiveStreamQuota(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, int> _open = new();

    public int MaxPerPerson => configuration.GetValue("Live:MaxStreamsPerPerson", 8);

    /// <summary>Takes one of the person's streams, given back when the handle is disposed; null when they hold the most allowed.</summary>
    public IDisposable? TryOpen(string subject)
    {
        while (true)
        {
            var held = _open.GetOrAdd(subject, 0);
            if (held >= MaxPerPerson) return null;
            if (_open.TryUpdate(subject, held + 1, held)) return new Handle(() => _open.AddOrUpdate(subject, 0, (_, n) => Math.Max(0, n - 1)));
        }
    }

    private sealed class Handle(Action release) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) release();
        }
    }
}
