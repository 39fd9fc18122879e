using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Marten;
using Npgsql;

namespace ImpactJournal.Codebook;

/// <summary>Changes the alliance's codebook stream, deciding against the codebook and every theme records are coded with.</summary>
public static class CodebookWriter
{
    public static async Task<Outcome> ChangeAsync(IDocumentStore store, NpgsqlDataSource dataSource, RippleMapStates states, ActingMember acting,
        Func<AllianceCodebook, IReadOnlyList<string>, Decision> decide, CancellationToken ct)
    {
        IReadOnlyList<string> recorded;
        await using (var reader = store.QuerySession(acting.AllianceId.ToString()))
        {
            // Curators see every theme, whatever the consent scope of the records coded with it.
            var curator = new Viewer(AllianceRole.Steward, DateOnly.MinValue);
            recorded = [.. (await Codebooks.FactsAsync(reader, dataSource, states, curator, ct)).RecordedThemes];
        }
        var id = AllianceCodebook.StreamIdOf(acting.AllianceId);
        // One writer at a time: two merges decided at once could each miss the other's names.
        return await UseCase.ChangeStreamAsync<AllianceCodebook>(store, acting, id, oneWriterAtATime: true, "No codebook.",
            codebook => decide(codebook, recorded), ct, whenNew: () => AllianceCodebook.Empty(id));
    }
}
