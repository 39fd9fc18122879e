namespace ImpactJournal.RippleMaps;

/// <summary>
/// Cycles are allowed on a ripple map ("A led to B led to A") but reported: one cycle for each
/// group of ripples that lead back to one another (strongly connected component), as node ids in
/// link order starting from the smallest id, so the report is stable.
/// </summary>
public static class RippleCycles
{
    public static IReadOnlyList<IReadOnlyList<Guid>> Find(RippleGraph graph)
    {
        var cycles = new List<IReadOnlyList<Guid>>();
        foreach (var component in StronglyConnectedComponents(graph).Where(c => c.Count > 1))
        {
            var members = component.ToHashSet();
            var start = component.Min();
            cycles.Add(PathBack(graph, start, members));
        }
        return [.. cycles.OrderBy(c => c[0])];
    }

    /// <summary>A shortest route from start back to itself inside one component.</summary>
    private static IReadOnlyList<Guid> PathBack(RippleGraph graph, Guid start, HashSet<Guid> members)
    {
        var cameFrom = new Dictionary<Guid, Guid>();
        var frontier = new Queue<Guid>([start]);
        while (frontier.TryDequeue(out var node))
        {
            foreach (var next in graph.Next(node).Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<Guid> { node };
                    while (path[^1] != start) path.Add(cameFrom[path[^1]]);
                    path.Reverse();
                    return path;
                }
                if (cameFrom.TryAdd(next, node)) frontier.Enqueue(next);
            }
        }
        throw new InvalidOperationException("A strongly connected component always leads back to its start.");
    }

    /// <summary>Tarjan's algorithm, iterative so that long chains of ripples cannot overflow the stack.</summary>
    private static List<List<Guid>> StronglyConnectedComponents(RippleGraph graph)
    {
        var index = new Dictionary<Guid, int>();
        var low = new Dictionary<Guid, int>();
        var onStack = new HashSet<Guid>();
        var stack = new Stack<Guid>();
        var components = new List<List<Guid>>();
        var counter = 0;

        foreach (var root in graph.Nodes.Order())
        {
            if (index.ContainsKey(root)) continue;
            var work = new Stack<(Guid Node, int NextChild)>([(root, 0)]);
            while (work.TryPop(out var frame))
            {
                var (node, child) = frame;
                if (child == 0)
                {
                    index[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack.Add(node);
                }

                var next = graph.Next(node);
                if (child < next.Count)
                {
                    work.Push((node, child + 1));
                    var target = next[child];
                    if (!index.ContainsKey(target)) work.Push((target, 0));
                    else if (onStack.Contains(target)) low[node] = Math.Min(low[node], index[target]);
                    continue;
                }

                if (work.TryPeek(out var parent)) low[parent.Node] = Math.Min(low[parent.Node], low[node]);
                if (low[node] != index[node]) continue;

                var component = new List<Guid>();
                Guid member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                } while (member != node);
                components.Add(component);
            }
        }
        return components;
    }
}
