namespace ImpactJournal.RippleMaps;

/// <summary>
/// A ripple's order: the length of the shortest directed path from the focus over links that
/// count (1st order = directly linked to the focus). Ripples the focus cannot reach have none.
/// </summary>
public static class RippleOrder
{
    public static IReadOnlyDictionary<Guid, int?> Compute(RippleGraph graph)
    {
        var order = graph.CapitalsByRipple.Keys.ToDictionary(id => id, _ => (int?)null);
        var distance = new Dictionary<Guid, int> { [graph.Focus] = 0 };
        var frontier = new Queue<Guid>([graph.Focus]);
        while (frontier.TryDequeue(out var node))
        {
            foreach (var next in graph.Next(node))
            {
                if (distance.ContainsKey(next)) continue;
                distance[next] = distance[node] + 1;
                frontier.Enqueue(next);
            }
        }

        foreach (var (id, steps) in distance)
            if (id != graph.Focus && order.ContainsKey(id)) order[id] = steps;
        return order;
    }
}
