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

    public static IReadOnlyList<IReadOnlyList<Guid>> Find(RippleGraph graph)
    {
        var chains = new List<IReadOnlyList<Guid>>();
        var path = new List<Guid>();
        var onPath = new HashSet<Guid>();

        void Extend(Guid from, IReadOnlySet<CommunityCapital> seen)
        {
            var extended = false;
            foreach (var next in graph.Next(from))
            {
                if (onPath.Contains(next) || next == graph.Focus) continue;
                if (!graph.CapitalsByRipple.TryGetValue(next, out var capitals) || capitals.IsSubsetOf(seen)) continue;

                extended = true;
                path.Add(next);
                onPath.Add(next);
                Extend(next, seen.Union(capitals).ToHashSet());
                path.RemoveAt(path.Count - 1);
                onPath.Remove(next);
            }

            if (!extended && path.Count > 0 && seen.Count >= MinimumCapitals) chains.Add([.. path]);
        }

        Extend(graph.Focus, new HashSet<CommunityCapital>());
        return chains;
    }
}
