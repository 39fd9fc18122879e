using Marten;

namespace ImpactJournal.Journal;

/// <summary>
/// Rewrites the stored events of one stream with the masking rules registered for their types,
/// so personal content is gone from the event store itself, not only from read models.
/// Idempotent: masking masked events again changes nothing.
/// </summary>
public static class ConsentErasure
{
    public static Task EraseStreamAsync(IDocumentStore store, Guid allianceId, Guid streamId, CancellationToken ct) =>
        store.Advanced.ApplyEventDataMasking(x =>
        {
            x.IncludeStream(streamId);
            // A story published to the commons keeps a copy in its publication's stream: erased with the story.
            x.IncludeStream(Commons.CommonsPublication.IdOf(streamId));
            x.ForTenant(allianceId.ToString());
        }, ct);
}
