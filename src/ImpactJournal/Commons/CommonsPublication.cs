using ImpactJournal.Infrastructure;
using JasperFx.Events;

namespace ImpactJournal.Commons;

/// <summary>
/// One item's publication, in the alliance's own journal: whether it is in the commons now. Its stream's id is derived
/// from the item's (<see cref="IdOf"/>), so publishing the same item again continues the same stream, and a teller's
/// withdrawal can erase the copy of their story kept there (<see cref="Journal.ConsentErasure"/>).
/// </summary>
public sealed record CommonsPublication(Guid Id, PublicationKind Kind, Guid SourceId, string Title, bool Published, DateTimeOffset PublishedAt)
{
    private static readonly Guid Namespace = DerivedId.Named("impactjournal:commons-publication");

    public static Guid IdOf(Guid sourceId) => DerivedId.From(Namespace, sourceId);

    public static CommonsPublication Create(IEvent<PublishedToCommons> published) =>
        new(published.Data.PublicationId, published.Data.Kind, published.Data.SourceId, published.Data.Entry.Title, true, published.Timestamp);

    public CommonsPublication Apply(IEvent<PublishedToCommons> published) =>
        this with { Title = published.Data.Entry.Title, Published = true, PublishedAt = published.Timestamp };

    public CommonsPublication Apply(UnpublishedFromCommons _) => this with { Published = false };
}

/// <summary>The alliance's place in the commons, in its own journal: its public profile, and whether it is in the commons now.</summary>
public sealed record CommonsMembership(Guid Id, CommonsProfileWritten? Profile, bool Joined)
{
    private static readonly Guid Namespace = DerivedId.Named("impactjournal:commons-membership");

    public static Guid IdOf(Guid allianceId) => DerivedId.From(Namespace, allianceId);

    public static CommonsMembership None(Guid allianceId) => new(IdOf(allianceId), null, false);

    public static CommonsMembership Create(IEvent<CommonsProfileWritten> written) => new(written.StreamId, written.Data, true);

    public CommonsMembership Apply(CommonsProfileWritten written) => this with { Profile = written, Joined = true };

    public CommonsMembership Apply(AllianceLeftCommons _) => this with { Joined = false };
}
