namespace ImpactJournal.Network;

/// <summary>
/// Measures of an undirected, unweighted simple graph, defined as networkx defines them so that the numbers
/// can be checked against it: density 2m / n(n−1); degree, the number of neighbours; betweenness by Brandes'
/// algorithm over shortest paths, normalised for undirected graphs by 2 / (n−1)(n−2); components, the sets
/// of nodes joined by paths (a partner with no ties is a component of its own).
/// </summary>
public sealed record NetworkMeasures(
    double Density,
    IReadOnlyDictionary<Guid, int> Degree,
    IReadOnlyDictionary<Guid, double> Betweenness,
    IReadOnlyList<IReadOnlyList<Guid>> Components)
{
    public static NetworkMeasures Of(IReadOnlyList<Guid> nodes, IEnumerable<(Guid A, Guid B)> edges)
    {
        var index = nodes.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var neighbours = nodes.Select(_ => new HashSet<int>()).ToArray();
        foreach (var (a, b) in edges)
        {
            if (a == b || !index.TryGetValue(a, out var i) || !index.TryGetValue(b, out var j)) continue;
            neighbours[i].Add(j);
            neighbours[j].Add(i);
        }
        var adjacency = neighbours.Select(n => n.Order().ToArray()).ToArray();
        var n = nodes.Count;
        var edgeCount = adjacency.Sum(a => a.Length) / 2;
        var density = n < 2 ? 0 : 2.0 * edgeCount / (n * (double)(n - 1));
        var betweenness = BrandesBetweenness(adjacency);

        return new NetworkMeasures(
            density,
            nodes.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => adjacency[x.i].Length),
            nodes.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => betweenness[x.i]),
            [.. ConnectedSets(adjacency).Select(c => (IReadOnlyList<Guid>)[.. c.Select(i => nodes[i])])]);
    }

    /// <summary>Brandes (2001): one breadth-first search per source, dependencies accumulated in reverse order.</summary>
    private static double[] BrandesBetweenness(int[][] adjacency)
    {
        var n = adjacency.Length;
        var centrality = new double[n];
        var paths = new double[n];
        var distance = new int[n];
        var dependency = new double[n];
        var predecessors = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var order = new Stack<int>(n);
        var queue = new Queue<int>(n);
        for (var source = 0; source < n; source++)
        {
            Array.Fill(paths, 0);
            Array.Fill(distance, -1);
            Array.Fill(dependency, 0);
            foreach (var list in predecessors) list.Clear();
            paths[source] = 1;
            distance[source] = 0;
            queue.Enqueue(source);
            while (queue.TryDequeue(out var v))
            {
                order.Push(v);
                foreach (var w in adjacency[v])
                {
                    if (distance[w] < 0)
                    {
                        distance[w] = distance[v] + 1;
                        queue.Enqueue(w);
                    }
                    if (distance[w] == distance[v] + 1)
                    {
                        paths[w] += paths[v];
                        predecessors[w].Add(v);
                    }
                }
            }
            while (order.TryPop(out var w))
            {
                foreach (var v in predecessors[w]) dependency[v] += paths[v] / paths[w] * (1 + dependency[w]);
                if (w != source) centrality[w] += dependency[w];
            }
        }
        // Each unordered pair was counted from both ends, so dividing by (n−1)(n−2) gives the share of the (n−1)(n−2)/2
        // pairs a node lies between, as networkx normalises undirected graphs. With two nodes or fewer nothing lies between.
        var scale = n > 2 ? 1.0 / ((n - 1) * (double)(n - 2)) : 0;
        return [.. centrality.Select(c => c * scale)];
    }

    private static IEnumerable<List<int>> ConnectedSets(int[][] adjacency)
    {
        var seen = new bool[adjacency.Length];
        var components = new List<List<int>>();
        for (var start = 0; start < adjacency.Length; start++)
        {
            if (seen[start]) continue;
            var component = new List<int>();
            var stack = new Stack<int>([start]);
            seen[start] = true;
            while (stack.TryPop(out var v))
            {
                component.Add(v);
                foreach (var w in adjacency[v].Where(w => !seen[w]))
                {
                    seen[w] = true;
                    stack.Push(w);
                }
            }
            component.Sort();
            components.Add(component);
        }
        return components.OrderByDescending(c => c.Count).ThenBy(c => c[0]);
    }
}
