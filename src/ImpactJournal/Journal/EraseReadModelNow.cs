using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;
using Wolverine.Marten;

namespace ImpactJournal.Journal;

/// <summary>
/// Erases a withdrawn record's words from its read model in the same transaction as the withdrawal's audit, as the
/// projection will when it catches up (see Observation's and Story's Apply of the withdrawal). The read models are
/// projected asynchronously; without this, a list, export or theme example made in the meantime would still show the
/// words. The counts kept from the read models follow through their triggers.
/// </summary>
public sealed record EraseReadModelNow(Guid RecordId, EvidenceKind Kind, DateTimeOffset WithdrawnAt) : IMartenOp
{
    // The fields each Apply of the withdrawal clears (null) or empties (an empty list).
    private static readonly (string[] Cleared, string[] Emptied) ObservationFields = (["text", "place", "versions"], ["themes", "amendments"]);
    private static readonly (string[] Cleared, string[] Emptied) StoryFields =
        (["title", "narrative", "tellerRole", "domainOfChange", "signifiers"], ["themes", "selections"]);

    public void Execute(IDocumentSession session)
    {
        var options = session.DocumentStore.Options;
        var (type, (cleared, emptied)) = Kind == EvidenceKind.Observation ? (typeof(Observation), ObservationFields) : (typeof(Story), StoryFields);
        var table = options.FindOrResolveDocumentType(type).TableName.QualifiedName;
        var empties = string.Join(", ", emptied.Select(f => $"'{f}', '[]'::jsonb"));
        // A retraction's reason is erased too (observations only have one).
        var removed = string.Join(", ", cleared.Select(f => $"'{f}'"));
        session.QueueSqlCommand($$"""
            update {{table}} set data = (data - array[{{removed}}])
                || jsonb_build_object({{empties}}, 'withdrawnAt', ?::jsonb)
                || case when jsonb_typeof(data -> 'retraction') = 'object'
                        then jsonb_build_object('retraction', jsonb_set(data -> 'retraction', '{reason}', '""'::jsonb)) else '{}'::jsonb end
            where tenant_id = ? and id = ?
            """, options.Serializer().ToJson(WithdrawnAt), session.TenantId, RecordId);
    }
}
