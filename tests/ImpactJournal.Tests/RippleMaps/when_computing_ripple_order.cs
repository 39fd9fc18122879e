using CsCheck;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Xunit;
using static ImpactJournal.Tests.RippleMaps.RandomMaps;

namespace ImpactJournal.Tests.RippleMaps;

public sealed class when_computing_ripple_order
{
    private static readonly IReadOnlySet<CommunityCapital> Social = new HashSet<CommunityCapital> { CommunityCapital.Social };

    private static RippleGraph Map(int ripples, params (int From, int To, LinkStatus Status)[] links) =>
        new(Node(0), Enumerable.Range(1, ripples).ToDictionary(Node, _ => Social),
            links.Select(l => new RippleLink(Guid.NewGuid(), Node(l.From), Node(l.To), l.Status)));

    [Fact]
    public void order_is_the_shortest_path_from_the_focus()
    {
        var order = RippleOrder.Compute(Map(4,
            (0, 1, LinkStatus.Asserted), (1, 2, LinkStatus.Asserted), (2, 3, LinkStatus.Asserted), (0, 3, LinkStatus.Substantiated)));

        Assert.Equal(1, order[Node(1)]);
        Assert.Equal(2, order[Node(2)]);
        Assert.Equal(1, order[Node(3)]);
        Assert.Null(order[Node(4)]);
    }

    [Fact]
    public void withdrawn_links_do_not_count_but_disputed_ones_do()
    {
        var order = RippleOrder.Compute(Map(3,
            (0, 1, LinkStatus.Disputed), (1, 2, LinkStatus.Asserted), (0, 2, LinkStatus.Withdrawn), (0, 3, LinkStatus.Withdrawn)));

        Assert.Equal(1, order[Node(1)]);
        Assert.Equal(2, order[Node(2)]);
        Assert.Null(order[Node(3)]);
    }

    [Fact]
    public void order_matches_a_brute_force_shortest_path_on_random_maps()
    {
        Graph.Sample(graph =>
        {
            var order = RippleOrder.Compute(graph);
            var paths = SimplePathsFromFocus(graph);
            foreach (var ripple in graph.CapitalsByRipple.Keys)
            {
                var lengths = paths.Where(p => p[^1] == ripple).Select(p => p.Count).ToList();
                var expected = lengths.Count == 0 ? (int?)null : lengths.Min();
                if (order[ripple] != expected) return false;
            }
            return true;
        }, iter: 500);
    }
}
