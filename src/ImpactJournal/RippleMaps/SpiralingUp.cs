using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// "Spiraling up" (Emery and Flora's community capitals): chains of effects that keep drawing in
/// new kinds of capital. A chain is a directed path from the focus (the focus itself excluded) on
/// which every ripple adds at least one capital not seen earlier on that path; the report keeps
/// the maximal chains (no ripple can extend them that way) that touch at least three capitals.
/// </summary>
public static class SpiralingUp
{
    public const int MinimumCapitals = 3;

    /// <summary>
    /// How many chains a map reports at most. A chain has at most seven ripples (one per capital),
    /// but a dense map can have very many of them; the map says when the list was cut short.
    /// </summary>
    public const int MaxChains = 1000;

    public static IReadOnlyList<IReadOnlyList<Guid>> Find(RippleGraph graph, int limit = int.MaxValue)
    {
        var chains = new List<IReadOnlyList<Guid>>();
        var path = new List<Guid>();

        // Every step adds a capital, so no ripple can appear twice on a chain and the depth is at most seven.
        void Extend(Guid from, CapitalSet seen)
        {
            var extended = false;
            foreach (var next in graph.Next(from))
            {
                if (chains.Count >= limit) return;
                if (next == graph.Focus || !graph.CapitalsByRipple.TryGetValue(next, out var capitals)) continue;
                var widened = seen.With(capitals);
                if (widened == seen) continue;

                extended = true;
                path.Add(next);
                Extend(next, widened);
                path.RemoveAt(path.Count - 1);
            }

            if (!extended && path.Count > 0 && seen.Count >= MinimumCapitals && chains.Count < limit) chains.Add([.. path]);
        }

        Extend(graph.Focus, default);
        return chains;
    }

    private readonly record struct CapitalSet(int Bits)
    {
        public int Count => System.Numerics.BitOperations.PopCount((uint)Bits);

        public CapitalSet With(IEnumerable<CommunityCapital> capitals) =>
            new(capitals.Aggregate(Bits, (bits, capital) => bits | 1 << (int)capital));
    }
}
