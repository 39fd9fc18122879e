using System.Collections.Immutable;
using ImpactJournal.Journal;
using JasperFx.Events;

namespace ImpactJournal.RippleMaps;

/// <summary>A ripple's coding; <c>Themes</c> as recorded (none for ripples added before ripples carried themes).</summary>
public sealed record Coding(IReadOnlyList<CommunityCapital> Capitals, Valence Valence, bool? Intended, string? By, DateTimeOffset At,
    IReadOnlyList<string>? Themes = null);

public sealed record RippleNode(
    Guid Id,
    string Label,
    string? Description,
    Guid? SessionId,
    IReadOnlyList<EvidenceRef> Evidence,
    string? AddedBy,
    DateTimeOffset AddedAt,
    long Version,
    ImmutableList<Coding> Codings,
    RippleAdded Added)
{
    public Coding Coding => Codings[^1];

    /// <summary>The map version of the ripple's latest change (added or re-coded).</summary>
    public long ChangedVersion { get; init; }
}

public sealed record LinkChange(Guid Id, LinkStatus Status, string Text, IReadOnlyList<EvidenceRef> Evidence, string? By, DateTimeOffset At);

public sealed record MapLink(
    Guid Id,
    Guid From,
    Guid To,
    LinkRelation Relation,
    string? Note,
    IReadOnlyList<EvidenceRef> Evidence,
    Guid? SessionId,
    string? AssertedBy,
    DateTimeOffset AssertedAt,
    long Version,
    ImmutableList<LinkChange> History,
    RipplesLinked Linked)
{
    public LinkStatus Status => History.IsEmpty ? LinkStatus.Asserted : History[^1].Status;

    /// <summary>The map version of the link's latest change (asserted, disputed, substantiated or withdrawn).</summary>
    public long ChangedVersion { get; init; }
}

public sealed record MappingSession(
    Guid Id,
    string Title,
    DateOnly HeldOn,
    string? ScheduledBy,
    DateTimeOffset ScheduledAt,
    string? Reflections,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    MappingSessionScheduled Scheduled)
{
    public bool Closed => ClosedAt is not null;

    /// <summary>When the session's ripples happened: the day it was held, not the day they were typed up.</summary>
    public DateTimeOffset HappenedAt => new(HeldOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>
/// A ripple map as its events have built it: a pure, immutable fold of the map's stream, so that a
/// state can be shared between requests and rebuilt as it stood at any moment.
/// </summary>
public sealed record RippleMap(
    Guid Id,
    string Focus,
    string? Description,
    string? StartedBy,
    DateTimeOffset StartedAt,
    long Version,
    DateTimeOffset LastChangedAt,
    ImmutableDictionary<Guid, RippleNode> Nodes,
    ImmutableDictionary<Guid, MapLink> Links,
    ImmutableDictionary<Guid, MappingSession> Sessions)
{
    /// <summary>The map after these events, or null when the stream is not a ripple map.</summary>
    public static RippleMap? Fold(RippleMap? map, IEnumerable<IEvent> events)
    {
        foreach (var e in events)
        {
            if (map is not null && e.Version <= map.Version) continue;
            map = map is null ? Start(e) : map.Apply(e);
            if (map is null) return null;
        }
        return map;
    }

    private static RippleMap? Start(IEvent e) => e.Data is RippleMapStarted started
        ? new RippleMap(started.MapId, started.Focus, started.Description, e.UserName, e.Timestamp, e.Version, e.Timestamp,
            ImmutableDictionary<Guid, RippleNode>.Empty, ImmutableDictionary<Guid, MapLink>.Empty,
            ImmutableDictionary<Guid, MappingSession>.Empty)
        : null;

    public RippleMap Apply(IEvent e)
    {
        var next = this with { Version = e.Version, LastChangedAt = e.Timestamp > LastChangedAt ? e.Timestamp : LastChangedAt };
        return RippleMapUpcast.Current(e.Data) switch
        {
            MappingSessionScheduled s => next with
            {
                Sessions = Sessions.SetItem(s.SessionId, new MappingSession(s.SessionId, s.Title, s.HeldOn,
                    e.UserName, e.Timestamp, null, null, null, s))
            },
            MappingSessionClosed c when Sessions.TryGetValue(c.SessionId, out var session) => next with
            {
                Sessions = Sessions.SetItem(c.SessionId, session with { Reflections = c.Reflections, ClosedBy = e.UserName, ClosedAt = e.Timestamp })
            },
            RippleAdded r => next with
            {
                Nodes = Nodes.SetItem(r.RippleId, new RippleNode(r.RippleId, r.Label, r.Description, r.SessionId, r.Evidence,
                    e.UserName, e.Timestamp, e.Version, [new Coding(r.Capitals, r.Valence, r.Intended, e.UserName, e.Timestamp, r.Themes ?? [])], r)
                { ChangedVersion = e.Version })
            },
            RipplesLinked l => next with
            {
                Links = Links.SetItem(l.LinkId, new MapLink(l.LinkId, l.From, l.To, l.Relation, l.Note, l.Evidence, l.SessionId,
                    e.UserName, e.Timestamp, e.Version, [], l) { ChangedVersion = e.Version })
            },
            RippleRecoded r when Nodes.TryGetValue(r.RippleId, out var node) => next with
            {
                Nodes = Nodes.SetItem(r.RippleId, node with
                {
                    Codings = node.Codings.Add(new Coding(r.Capitals, r.Valence ?? node.Coding.Valence,
                        r.Intended ?? node.Coding.Intended, e.UserName, e.Timestamp, r.Themes ?? node.Coding.Themes ?? [])),
                    ChangedVersion = e.Version
                })
            },
            RippleLinkDisputed d => next.ChangeLink(d.LinkId, new LinkChange(d.ChangeId, LinkStatus.Disputed, d.Reason, d.Evidence, e.UserName, e.Timestamp)),
            RippleLinkSubstantiated s => next.ChangeLink(s.LinkId, new LinkChange(s.ChangeId, LinkStatus.Substantiated, s.Note, s.Evidence, e.UserName, e.Timestamp)),
            RippleLinkWithdrawn w => next.ChangeLink(w.LinkId, new LinkChange(w.ChangeId, LinkStatus.Withdrawn, w.Reason, [], e.UserName, e.Timestamp)),
            _ => next
        };
    }

    private RippleMap ChangeLink(Guid linkId, LinkChange change) => Links.TryGetValue(linkId, out var link)
        ? this with { Links = Links.SetItem(linkId, link with { History = link.History.Add(change), ChangedVersion = Version }) }
        : this;

    /// <summary>When a ripple happened: its session's day when it came from a session, else when it was added.</summary>
    public DateTimeOffset HappenedAt(RippleNode node) =>
        node.SessionId is { } id && Sessions.TryGetValue(id, out var session) ? session.HappenedAt : node.AddedAt;

    /// <summary>The focus or one of the map's ripples.</summary>
    public bool HasNode(Guid id) => id == Id || Nodes.ContainsKey(id);

    /// <summary>The shape the graph algorithms work on: capitals per ripple and the links that count.</summary>
    public RippleGraph ToGraph() => new(Id,
        Nodes.Values.ToDictionary(n => n.Id, n => (IReadOnlySet<CommunityCapital>)n.Coding.Capitals.ToHashSet()),
        Links.Values.Where(l => HasNode(l.From) && HasNode(l.To)).Select(l => new RippleLink(l.Id, l.From, l.To, l.Status)));
}
