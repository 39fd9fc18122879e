using ImpactJournal.Journal;

namespace ImpactJournal.RippleMaps;

public enum LinkRelation
{
    LedTo,
    Enabled,
    Hindered
}

/// <summary>The map's first event: the focus intervention, whose id is the map id.</summary>
public sealed record RippleMapStarted(Guid MapId, string Focus, string? Description);

/// <summary>
/// A mapping session: a head count and the roles present, never names (v1.1). Sessions recorded
/// before v1.1 carry <see cref="Participants"/>, a list of names; they read as that many people, and
/// the names themselves are masked in the stored events (see <see cref="LegacySessionNames"/>).
/// </summary>
public sealed record MappingSessionScheduled(
    Guid SessionId,
    string Title,
    DateOnly HeldOn,
    int? ParticipantCount = null,
    IReadOnlyList<string>? Roles = null,
    IReadOnlyList<Guid>? Partners = null,
    IReadOnlyList<string>? Participants = null)
{
    public int HeadCount => ParticipantCount ?? Participants?.Count ?? 0;

    public bool SameAs(MappingSessionScheduled other) =>
        SessionId == other.SessionId && Title == other.Title && HeldOn == other.HeldOn && HeadCount == other.HeadCount
        && (Roles ?? []).SequenceEqual(other.Roles ?? []) && (Partners ?? []).SequenceEqual(other.Partners ?? []);

    /// <summary>The event as v1.1 records it: the names of an earlier recording become their count.</summary>
    public MappingSessionScheduled WithoutNames() => this with { ParticipantCount = HeadCount, Participants = null };
}

/// <summary>
/// Map events as contract v1.1 shows them, whatever is stored: a session recorded with names reads as their
/// count. The map's state and the live stream both read events through this, so names stored before v1.1
/// never leave the service, whether or not <see cref="LegacySessionNames"/> has masked them in the store yet.
/// </summary>
public static class RippleMapUpcast
{
    public static object Current(object data) => data is MappingSessionScheduled { Participants: not null } session ? session.WithoutNames() : data;
}

public sealed record MappingSessionClosed(Guid SessionId, string Reflections);

public sealed record RippleAdded(
    Guid RippleId,
    string Label,
    string? Description,
    IReadOnlyList<CommunityCapital> Capitals,
    Valence Valence,
    bool? Intended,
    IReadOnlyList<EvidenceRef> Evidence,
    Guid? SessionId,
    Guid? PartnerId = null,
    IReadOnlyList<Guid>? WithPartners = null,
    IReadOnlyList<string>? Themes = null)
{
    /// <summary>The partner organisations involved: the adding member's own (if they belong to one) and those they named.</summary>
    public IReadOnlyList<Guid> Partners => [.. (PartnerId is { } own ? [own] : Array.Empty<Guid>()).Concat(WithPartners ?? [])];

    public bool SameAs(RippleAdded other) =>
        RippleId == other.RippleId && Label == other.Label && Description == other.Description
        && Capitals.SequenceEqual(other.Capitals) && Valence == other.Valence && Intended == other.Intended
        && Evidence.SequenceEqual(other.Evidence) && SessionId == other.SessionId
        && (WithPartners ?? []).SequenceEqual(other.WithPartners ?? [])
        && (Themes ?? []).SequenceEqual(other.Themes ?? []);
}

public sealed record RipplesLinked(
    Guid LinkId,
    Guid From,
    Guid To,
    LinkRelation Relation,
    string? Note,
    IReadOnlyList<EvidenceRef> Evidence,
    Guid? SessionId)
{
    public bool SameAs(RipplesLinked other) =>
        LinkId == other.LinkId && From == other.From && To == other.To && Relation == other.Relation
        && Note == other.Note && Evidence.SequenceEqual(other.Evidence) && SessionId == other.SessionId;
}

/// <summary>Re-coding keeps the earlier coding in the ripple's history; unset fields (themes too: events before ripples had themes) stay as they were.</summary>
public sealed record RippleRecoded(Guid RippleId, IReadOnlyList<CommunityCapital> Capitals, Valence? Valence, bool? Intended,
    IReadOnlyList<string>? Themes = null);

/// <summary>A dispute, substantiation or withdrawal of a link; the change id makes a retry harmless.</summary>
public sealed record RippleLinkDisputed(Guid LinkId, Guid ChangeId, string Reason, IReadOnlyList<EvidenceRef> Evidence);

public sealed record RippleLinkSubstantiated(Guid LinkId, Guid ChangeId, string Note, IReadOnlyList<EvidenceRef> Evidence);

public sealed record RippleLinkWithdrawn(Guid LinkId, Guid ChangeId, string Reason);
