namespace ImpactJournal.RippleMaps;

public sealed record AddedNode(Guid Id, string Label, string? AddedBy, DateTimeOffset AddedAt);

public sealed record RecodedNode(Guid Id, string Label, Coding Before, Coding After);

public sealed record AddedLink(Guid Id, Guid From, Guid To, LinkRelation Relation, string? AssertedBy, DateTimeOffset AssertedAt);

/// <summary><c>before</c> is the status at the window's start, null for a link added within the window.</summary>
public sealed record ChangedLink(Guid Id, Guid From, Guid To, LinkStatus? Before, LinkStatus After, IReadOnlyList<LinkChange> Changes);

/// <summary>What changed on a map between two moments: the map as it stood at each, compared.</summary>
public sealed record MapDiff(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<AddedNode> AddedNodes,
    IReadOnlyList<RecodedNode> RecodedNodes,
    IReadOnlyList<AddedLink> AddedLinks,
    IReadOnlyList<ChangedLink> ChangedLinks)
{
    /// <summary>Compares the map at the window's start (<c>before</c>, null when it did not exist yet) with the map at its end.</summary>
    public static MapDiff Between(RippleMap? before, RippleMap after, DateTimeOffset from, DateTimeOffset to)
    {
        var nodesBefore = before?.Nodes;
        var linksBefore = before?.Links;
        var nodes = after.Nodes.Values.OrderBy(n => n.Version).ToList();
        var links = after.Links.Values.OrderBy(l => l.Version).ToList();

        var added = nodes.Where(n => nodesBefore?.ContainsKey(n.Id) != true)
            .Select(n => new AddedNode(n.Id, n.Label, n.AddedBy, n.AddedAt)).ToList();
        var recoded = nodes
            .Select(n => (Node: n, Earlier: nodesBefore?.GetValueOrDefault(n.Id)?.Codings.Count ?? 1))
            .Where(x => x.Node.Codings.Count > x.Earlier)
            .Select(x => new RecodedNode(x.Node.Id, x.Node.Label, x.Node.Codings[x.Earlier - 1], x.Node.Coding)).ToList();
        var addedLinks = links.Where(l => linksBefore?.ContainsKey(l.Id) != true)
            .Select(l => new AddedLink(l.Id, l.From, l.To, l.Relation, l.AssertedBy, l.AssertedAt)).ToList();
        var changed = links
            .Select(l => (Link: l, Earlier: linksBefore?.GetValueOrDefault(l.Id)))
            .Where(x => x.Link.History.Count > (x.Earlier?.History.Count ?? 0))
            .Select(x => new ChangedLink(x.Link.Id, x.Link.From, x.Link.To, x.Earlier?.Status, x.Link.Status,
                [.. x.Link.History.Skip(x.Earlier?.History.Count ?? 0)])).ToList();
        return new MapDiff(from, to, added, recoded, addedLinks, changed);
    }
}
