using JasperFx.Events;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// One small document per map, kept inline with its events, so that listing an alliance's maps
/// (and finding them for summaries and dashboards) reads a handful of rows, not the journal.
/// </summary>
public sealed record RippleMapHeader(Guid Id, string Focus, string? Description, string? StartedBy, DateTimeOffset StartedAt,
    int Ripples, int Links, DateTimeOffset LastChangedAt)
{
    public static RippleMapHeader Create(IEvent<RippleMapStarted> started) =>
        new(started.Data.MapId, started.Data.Focus, started.Data.Description, started.UserName, started.Timestamp, 0, 0, started.Timestamp);

    public RippleMapHeader Apply(IEvent<RippleAdded> added) => this with { Ripples = Ripples + 1, LastChangedAt = added.Timestamp };

    public RippleMapHeader Apply(IEvent<RipplesLinked> linked) => this with { Links = Links + 1, LastChangedAt = linked.Timestamp };

    public RippleMapHeader Apply(IEvent<RippleRecoded> recoded) => this with { LastChangedAt = recoded.Timestamp };

    public RippleMapHeader Apply(IEvent<RippleLinkDisputed> changed) => this with { LastChangedAt = changed.Timestamp };

    public RippleMapHeader Apply(IEvent<RippleLinkSubstantiated> changed) => this with { LastChangedAt = changed.Timestamp };

    public RippleMapHeader Apply(IEvent<RippleLinkWithdrawn> changed) => this with { LastChangedAt = changed.Timestamp };

    public RippleMapHeader Apply(IEvent<MappingSessionScheduled> scheduled) => this with { LastChangedAt = scheduled.Timestamp };

    public RippleMapHeader Apply(IEvent<MappingSessionClosed> closed) => this with { LastChangedAt = closed.Timestamp };
}
