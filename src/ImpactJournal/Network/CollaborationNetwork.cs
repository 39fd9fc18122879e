using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;

namespace ImpactJournal.Network;

public sealed record NetworkNode(Guid PartnerId, string Name, string Kind, int Degree, double Betweenness);

/// <summary>
/// A tie as the reader may see it, made only of what the reader may read. For commissioners, a count of joint
/// observations under 5 that includes identifiable observations reads "&lt;5", and the weight it is part of "withheld".
/// </summary>
public sealed record NetworkEdge(Guid From, Guid To, object Weight, object JointObservations, int JointRipples, int SharedSessions,
    DateOnly First, DateOnly Latest, bool Quiet);

public sealed record NetworkView(DateOnly AsOf, int QuietAfterDays, IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkEdge> Edges,
    double Density, IReadOnlyList<IReadOnlyList<Guid>> Components, IReadOnlyList<Guid> Unconnected);

public sealed record NetworkDiff(DateOnly From, DateOnly To, int QuietAfterDays, IReadOnlyList<NetworkEdge> NewTies,
    IReadOnlyList<NetworkEdge> QuietTies, IReadOnlyList<NetworkNode> Unconnected);

/// <summary>
/// The partner-to-partner network of an alliance as it stood on a day: every partner is a node (those with no
/// ties too), every pair that acted together an edge. A tie is quiet when its latest joint activity is more than
/// the quiet period before the day.
/// </summary>
public sealed record CollaborationNetwork(DateOnly AsOf, int QuietAfterDays, IReadOnlyList<Partner> Partners, IReadOnlyList<Tie> Ties,
    NetworkMeasures Measures)
{
    public const int DefaultQuietAfterDays = 90;

    public static CollaborationNetwork Of(DateOnly asOf, int quietAfterDays, IReadOnlyList<Partner> partners, IReadOnlyList<Tie> ties)
    {
        var known = partners.Select(p => p.Id).ToHashSet();
        var kept = ties.Where(t => known.Contains(t.From) && known.Contains(t.To)).ToList();
        return new CollaborationNetwork(asOf, quietAfterDays, partners, kept,
            NetworkMeasures.Of([.. partners.Select(p => p.Id)], kept.Select(t => (t.From, t.To))));
    }

    public bool IsQuiet(Tie tie) => tie.Latest.AddDays(QuietAfterDays) < AsOf;

    public IEnumerable<NetworkNode> Nodes => Partners.Select(p =>
        new NetworkNode(p.Id, p.Name, Vocabulary.Spell(p.Kind), Measures.Degree[p.Id], Measures.Betweenness[p.Id]));

    public IEnumerable<NetworkNode> Unconnected => Nodes.Where(n => n.Degree == 0);

    /// <summary>
    /// The tie's cells as the viewer may see them. Joint ripples and shared sessions are no secret from anyone who may
    /// read the network (each map lists its ripples' and sessions' partners), so a weight beside a hidden count of
    /// joint observations would give it back by subtraction: the weight is withheld whenever that count is.
    /// </summary>
    public NetworkEdge Edge(Tie tie, Viewer viewer)
    {
        var observations = SmallNumbers.Show(tie.JointObservations, tie.IdentifiableObservations, viewer.IsCommissioner);
        var weight = observations is int ? tie.Weight : (object)SmallNumbers.Withheld;
        return new NetworkEdge(tie.From, tie.To, weight, observations, tie.JointRipples, tie.SharedSessions, tie.First, tie.Latest, IsQuiet(tie));
    }

    public NetworkView View(Viewer viewer) => new(AsOf, QuietAfterDays, [.. Nodes], [.. Ties.Select(t => Edge(t, viewer))],
        Measures.Density, Measures.Components, [.. Unconnected.Select(n => n.PartnerId)]);

    /// <summary>
    /// From one day to a later one: ties whose first joint activity came after <c>from</c>; ties that went quiet in
    /// between (quiet by <c>to</c>, not yet quiet on <c>from</c>); partners without ties on <c>to</c>.
    /// </summary>
    public static NetworkDiff Between(CollaborationNetwork before, CollaborationNetwork after, Viewer viewer)
    {
        var newTies = after.Ties.Where(t => t.First > before.AsOf);
        var quiet = after.Ties.Where(t => after.IsQuiet(t) && !before.IsQuiet(t));
        return new NetworkDiff(before.AsOf, after.AsOf, after.QuietAfterDays, [.. newTies.Select(t => after.Edge(t, viewer))],
            [.. quiet.Select(t => after.Edge(t, viewer))], [.. after.Unconnected]);
    }
}
