using CsCheck;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>Random small ripple maps, and brute-force answers to check the real algorithms against.</summary>
public static class RandomMaps
{
    public static readonly Gen<RippleGraph> Graph =
        from size in Gen.Int[1, 8]
        from capitalMasks in Gen.Int[0, 127].Array[size]
        from links in Gen.Select(Gen.Int[0, size], Gen.Int[1, size], Gen.Enum<LinkStatus>()).Array[0, 20]
        select Build(size, capitalMasks, links);

    /// <summary>Node 0 is the focus; nodes 1..size are ripples.</summary>
    public static Guid Node(int i) => new(i, 0, 0, new byte[8]);

    private static RippleGraph Build(int size, int[] capitalMasks, (int From, int To, LinkStatus Status)[] links)
    {
        var capitals = Enumerable.Range(1, size).ToDictionary(Node,
            i => (IReadOnlySet<CommunityCapital>)Enum.GetValues<CommunityCapital>().Where((_, bit) => (capitalMasks[i - 1] & (1 << bit)) != 0).ToHashSet());
        var ripples = links.Where(l => l.From != l.To)
            .Select((l, n) => new RippleLink(Guid.NewGuid(), Node(l.From), Node(l.To), l.Status));
        return new RippleGraph(Node(0), capitals, ripples);
    }

    /// <summary>Every simple path from the focus, found by trying everything.</summary>
    public static List<List<Guid>> SimplePathsFromFocus(RippleGraph graph)
    {
        var paths = new List<List<Guid>>();
        void Walk(List<Guid> path)
        {
            foreach (var next in graph.Next(path[^1]).Where(n => !path.Contains(n)))
            {
                var longer = path.Append(next).ToList();
                paths.Add(longer.Skip(1).ToList());
                Walk(longer);
            }
        }
        Walk([graph.Focus]);
        return paths;
    }

    /// <summary>Whether a node can reach another in one or more steps.</summary>
    public static bool Reaches(RippleGraph graph, Guid from, Guid to)
    {
        var seen = new HashSet<Guid>();
        var frontier = new Stack<Guid>(graph.Next(from));
        while (frontier.TryPop(out var node))
        {
            if (node == to) return true;
            if (seen.Add(node)) foreach (var next in graph.Next(node)) frontier.Push(next);
        }
        return false;
    }
}
