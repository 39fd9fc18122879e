using CsCheck;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Xunit;
using static ImpactJournal.Tests.RippleMaps.RandomMaps;

namespace ImpactJournal.Tests.RippleMaps;

public sealed class when_finding_cycles_and_spirals
{
    private static IReadOnlySet<CommunityCapital> Capitals(params CommunityCapital[] capitals) => capitals.ToHashSet();

    private static RippleGraph Map(Dictionary<int, IReadOnlySet<CommunityCapital>> capitals, params (int From, int To)[] links) =>
        new(Node(0), capitals.ToDictionary(c => Node(c.Key), c => c.Value),
            links.Select(l => new RippleLink(Guid.NewGuid(), Node(l.From), Node(l.To), LinkStatus.Asserted)));

    [Fact]
    public void a_loop_between_ripples_is_reported_once_in_link_order()
    {
        var social = Capitals(CommunityCapital.Social);
        var cycles = RippleCycles.Find(Map(new() { [1] = social, [2] = social, [3] = social }, (0, 1), (1, 2), (2, 3), (3, 1)));

        var cycle = Assert.Single(cycles);
        Assert.Equal([Node(1), Node(2), Node(3)], cycle);
    }

    [Fact]
    public void a_map_without_loops_reports_none()
    {
        var social = Capitals(CommunityCapital.Social);
        Assert.Empty(RippleCycles.Find(Map(new() { [1] = social, [2] = social }, (0, 1), (0, 2), (1, 2))));
    }

    [Fact]
    public void reported_cycles_are_real_and_every_looping_ripple_is_covered_on_random_maps()
    {
        Graph.Sample(graph =>
        {
            var cycles = RippleCycles.Find(graph);
            var real = cycles.All(c => c.Distinct().Count() == c.Count
                && c.Select((node, i) => graph.Next(node).Contains(c[(i + 1) % c.Count])).All(linked => linked));
            var looping = graph.Nodes.Where(n => Reaches(graph, n, n)).ToList();
            var covered = looping.All(n => cycles.Any(c => c.Contains(n) || (Reaches(graph, n, c[0]) && Reaches(graph, c[0], n))));
            var onePerGroup = cycles.Count == looping.GroupBy(n => looping.Where(m => Reaches(graph, n, m) && Reaches(graph, m, n)).Min()).Count();
            return real && covered && onePerGroup;
        }, iter: 500);
    }

    [Fact]
    public void a_chain_that_keeps_adding_capitals_spirals_up()
    {
        var map = Map(new()
        {
            [1] = Capitals(CommunityCapital.Social),
            [2] = Capitals(CommunityCapital.Social, CommunityCapital.Human),
            [3] = Capitals(CommunityCapital.Financial),
            [4] = Capitals(CommunityCapital.Social),
        }, (0, 1), (1, 2), (2, 3), (1, 4));

        var chain = Assert.Single(SpiralingUp.Find(map));
        Assert.Equal([Node(1), Node(2), Node(3)], chain);
    }

    [Fact]
    public void a_chain_of_two_capitals_or_with_a_repeating_step_does_not()
    {
        var map = Map(new()
        {
            [1] = Capitals(CommunityCapital.Social),
            [2] = Capitals(CommunityCapital.Human),
            [3] = Capitals(CommunityCapital.Social),
            [4] = Capitals(CommunityCapital.Built),
        }, (0, 1), (1, 2), (2, 3), (3, 4));

        Assert.Empty(SpiralingUp.Find(map));
    }

    [Fact]
    public void spirals_match_a_brute_force_search_on_random_maps()
    {
        Graph.Sample(graph =>
        {
            static bool AddsEveryStep(RippleGraph g, List<Guid> path)
            {
                var seen = new HashSet<CommunityCapital>();
                foreach (var node in path)
                {
                    var capitals = g.CapitalsByRipple[node];
                    if (capitals.IsSubsetOf(seen)) return false;
                    seen.UnionWith(capitals);
                }
                return true;
            }

            var valid = SimplePathsFromFocus(graph).Where(p => AddsEveryStep(graph, p)).ToList();
            var maximal = valid.Where(p => !valid.Any(q => q.Count == p.Count + 1 && q.Take(p.Count).SequenceEqual(p)));
            var expected = maximal.Where(p => p.SelectMany(n => graph.CapitalsByRipple[n]).Distinct().Count() >= SpiralingUp.MinimumCapitals)
                .Select(p => string.Join(",", p)).Order().ToList();
            var actual = SpiralingUp.Find(graph).Select(p => string.Join(",", p)).Order().ToList();
            return expected.SequenceEqual(actual);
        }, iter: 500);
    }
}
