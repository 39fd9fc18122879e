using ImpactJournal.Journal;
using Marten;
using Wolverine.Marten;

namespace ImpactJournal.Observations;

/// <summary>
/// Narrows who may read an observation in its read model, in the same transaction as the amendment that narrowed it.
/// The read model is projected asynchronously; without this, a commissioner's list, counts, network and summaries
/// would go on showing an observation narrowed to the alliance until the projection caught up. The projection then
/// writes the same consent. Every count kept from the read model follows it through the tally's trigger.
/// </summary>
public sealed record NarrowReadersNow(Guid ObservationId, ConsentScope Scope) : IMartenOp
{
    public void Execute(IDocumentSession session)
    {
        var table = ObservationTally.DocumentTable(session.DocumentStore.Options).QualifiedName;
        session.QueueSqlCommand($"update {table} set data = jsonb_set(data, '{{consent,scope}}', ?::jsonb) where tenant_id = ? and id = ?",
            session.DocumentStore.Options.Serializer().ToJson(Scope), session.TenantId, ObservationId);
    }
}
