using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

public enum LinkStatus
{
    Asserted,
    Disputed,
    Substantiated,
    Withdrawn
}

/// <summary>A directed "A led to B" link between ripples (or from the focus, whose id is the map id).</summary>
public sealed record RippleLink(Guid Id, Guid From, Guid To, LinkStatus Status)
{
    /// <summary>Withdrawn links are history; disputed ones still count until withdrawn.</summary>
    public bool Counts => Status != LinkStatus.Withdrawn;
}

/// <summary>
/// The shape of a ripple map: its focus, the capitals each ripple touches, and the links between
/// them. Pure data, so the map's algorithms are plain functions of it.
/// </summary>
public sealed class RippleGraph
{
    private readonly Dictionary<Guid, List<Guid>> _next = new();

    public RippleGraph(Guid focus, IReadOnlyDictionary<Guid, IReadOnlySet<CommunityCapital>> capitalsByRipple, IEnumerable<RippleLink> links)
    {
        Focus = focus;
        CapitalsByRipple = capitalsByRipple;
        foreach (var link in links.Where(l => l.Counts))
        {
            if (!_next.TryGetValue(link.From, out var targets)) _next[link.From] = targets = [];
            if (!targets.Contains(link.To)) targets.Add(link.To);
        }
        foreach (var targets in _next.Values) targets.Sort();
    }

    public Guid Focus { get; }

    public IReadOnlyDictionary<Guid, IReadOnlySet<CommunityCapital>> CapitalsByRipple { get; }

    /// <summary>The ripples (and focus) this node led to over links that count, in a stable order.</summary>
    public IReadOnlyList<Guid> Next(Guid node) => _next.TryGetValue(node, out var targets) ? targets : [];

    public IEnumerable<Guid> Nodes => CapitalsByRipple.Keys.Append(Focus).Distinct();
}
