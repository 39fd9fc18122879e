using ImpactJournal.Alliances;
using ImpactJournal.Stories;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace ImpactJournal.Commons;

/// <summary>An item in the learning commons: the copy its alliance published. Shared by every alliance (not tenanted).</summary>
public sealed record CommonsItem(Guid Id, Guid AllianceId, PublicationKind Kind, Guid SourceId, CommonsEntry Entry, DateTimeOffset PublishedAt);

/// <summary>An alliance in the commons: its public profile as its steward wrote it. Shared by every alliance (not tenanted).</summary>
public sealed record CommonsAlliance(Guid Id, string Name, string About, string CollaborationModel, bool ShowPartnerNames,
    IReadOnlyList<PartnerKind> PartnerKinds, DateTimeOffset Since);

/// <summary>
/// The commons read model, built only from what was published: publishing and unpublishing, profiles, leaving, and a
/// teller's withdrawal of consent (which takes their story out). Inline, so an item leaves in the same transaction as the
/// event that takes it out. Nothing here reads an alliance's own documents, and the commons' queries read only these two
/// document types, which are stored outside every tenant.
/// </summary>
public sealed partial class CommonsShelf : EventProjection
{
    public CommonsShelf()
    {
        Name = nameof(CommonsShelf);
        IncludeType<PublishedToCommons>();
        IncludeType<UnpublishedFromCommons>();
        IncludeType<CommonsProfileWritten>();
        IncludeType<AllianceLeftCommons>();
        IncludeType<StoryConsentWithdrawn>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case PublishedToCommons published:
                operations.Store(new CommonsItem(published.PublicationId, published.AllianceId, published.Kind, published.SourceId,
                    published.Entry, e.Timestamp));
                break;
            case UnpublishedFromCommons unpublished:
                operations.Delete<CommonsItem>(unpublished.PublicationId);
                break;
            case CommonsProfileWritten profile:
                operations.Store(new CommonsAlliance(profile.AllianceId, profile.Name, profile.About, profile.CollaborationModel,
                    profile.ShowPartnerNames, profile.PartnerKinds, e.Timestamp));
                break;
            case AllianceLeftCommons left:
                operations.Delete<CommonsAlliance>(left.AllianceId);
                operations.DeleteWhere<CommonsItem>(i => i.AllianceId == left.AllianceId);
                break;
            case StoryConsentWithdrawn:
                operations.Delete<CommonsItem>(CommonsPublication.IdOf(e.StreamId));
                break;
        }
        return ValueTask.CompletedTask;
    }
}
