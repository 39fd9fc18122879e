using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

public sealed record NodeView(
    Guid Id,
    string Label,
    string? Description,
    int? Order,
    IReadOnlyList<CommunityCapital> Capitals,
    Valence Valence,
    bool? Intended,
    Guid? SessionId,
    string? AddedBy,
    DateTimeOffset AddedAt,
    IReadOnlyList<EvidenceView> Evidence,
    int Recodings);

public sealed record LinkView(
    Guid Id,
    Guid From,
    Guid To,
    LinkRelation Relation,
    LinkStatus Status,
    string? Note,
    Guid? SessionId,
    string? AssertedBy,
    DateTimeOffset AssertedAt,
    IReadOnlyList<EvidenceView> Evidence);

/// <summary>
/// Counts over the map. Keys of <c>byCapital</c>/<c>byValence</c> are the vocabulary's words (every
/// word present, zeros included); <c>byOrder</c> keys are orders ("1", "2", …) of reachable ripples.
/// </summary>
public sealed record MapSummary(
    int Nodes,
    int Links,
    IReadOnlyDictionary<string, int> ByCapital,
    IReadOnlyDictionary<string, int> ByOrder,
    IReadOnlyDictionary<string, int> ByValence,
    int Unintended,
    int Unreachable,
    IReadOnlyList<IReadOnlyList<Guid>> Cycles,
    IReadOnlyList<IReadOnlyList<Guid>> SpiralingUp,
    bool SpiralingUpTruncated);

/// <summary>The answer of GET …/maps/{m}: the map with computed orders and its summary.</summary>
public sealed record RippleMapView(
    Guid Id,
    string Focus,
    string? Description,
    DateTimeOffset AsOf,
    long Version,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<LinkView> Links,
    MapSummary Summary)
{
    private static readonly IReadOnlySet<Guid> NoneWithdrawn = new HashSet<Guid>();

    /// <summary>Every observation and story the map's ripples and links cite.</summary>
    public IEnumerable<Guid> CitedIds => Nodes.SelectMany(n => n.Evidence).Concat(Links.SelectMany(l => l.Evidence)).Select(e => e.Id);

    /// <summary>The view with citations of records whose consent was withdrawn marked as such.</summary>
    public RippleMapView MarkWithdrawn(IReadOnlySet<Guid> withdrawn)
    {
        if (withdrawn.Count == 0) return this;
        IReadOnlyList<EvidenceView> Mark(IReadOnlyList<EvidenceView> cited) =>
            cited.Any(e => withdrawn.Contains(e.Id)) ? [.. cited.Select(e => e with { Withdrawn = withdrawn.Contains(e.Id) })] : cited;
        return this with
        {
            Nodes = [.. Nodes.Select(n => n with { Evidence = Mark(n.Evidence) })],
            Links = [.. Links.Select(l => l with { Evidence = Mark(l.Evidence) })]
        };
    }

    /// <summary>
    /// The view of a map state; <c>asOf</c> is the requested moment, by default the time of the map's latest change.
    /// Without <paramref name="chains"/> the summary leaves out cycles and spiraling-up chains (the costly part),
    /// which pictures and boards do not show.
    /// </summary>
    public static RippleMapView Of(RippleMap map, DateTimeOffset? asOf = null, bool chains = true)
    {
        var graph = map.ToGraph();
        var order = RippleOrder.Compute(graph);
        var nodes = map.Nodes.Values.OrderBy(n => n.Version).Select(n => new NodeView(n.Id, n.Label, n.Description, order[n.Id],
            n.Coding.Capitals, n.Coding.Valence, n.Coding.Intended, n.SessionId, n.AddedBy, n.AddedAt, EvidenceView.Of(n.Evidence, NoneWithdrawn), n.Codings.Count - 1)).ToList();
        var links = map.Links.Values.OrderBy(l => l.Version).Select(l => new LinkView(l.Id, l.From, l.To, l.Relation, l.Status,
            l.Note, l.SessionId, l.AssertedBy, l.AssertedAt, EvidenceView.Of(l.Evidence, NoneWithdrawn))).ToList();
        var spiraling = chains ? SpiralingUp.Find(graph, SpiralingUp.MaxChains + 1) : [];

        var summary = new MapSummary(
            nodes.Count,
            links.Count(l => l.Status != LinkStatus.Withdrawn),
            Enum.GetValues<CommunityCapital>().ToDictionary(Vocabulary.Spell, c => nodes.Count(n => n.Capitals.Contains(c))),
            nodes.Where(n => n.Order is not null).GroupBy(n => n.Order!.Value).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count()),
            Enum.GetValues<Valence>().ToDictionary(Vocabulary.Spell, v => nodes.Count(n => n.Valence == v)),
            nodes.Count(n => n.Intended == false),
            nodes.Count(n => n.Order is null),
            chains ? RippleCycles.Find(graph) : [],
            [.. spiraling.Take(SpiralingUp.MaxChains)],
            spiraling.Count > SpiralingUp.MaxChains);
        return new RippleMapView(map.Id, map.Focus, map.Description, asOf ?? map.LastChangedAt, map.Version, nodes, links, summary);
    }
}
