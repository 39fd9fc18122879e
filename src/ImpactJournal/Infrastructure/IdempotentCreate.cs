using Marten;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Starts a stream whose id the client may have chosen, so that a retry never duplicates: the same
/// first event again answers 200 with the same id, a different one 409. The happy path costs no
/// extra read; only a collision looks at what is already there.
/// </summary>
public static class IdempotentCreate
{
    public static async Task<IResult> StartStreamAsync<TAggregate, TEvent>(
        StreamStarter starter, IDocumentStore store, Guid allianceId, Guid id, TEvent first, string? actingSubject,
        Func<TEvent, TEvent, bool> sameRequest, string location, CancellationToken ct)
        where TAggregate : class
        where TEvent : notnull
    {
        if (await starter.StartAsync<TAggregate>(allianceId, id, first, actingSubject) == StartOutcome.Started)
            return ResourceCreated.New(location, id);

        await using var reader = store.QuerySession(allianceId.ToString());
        var existing = await reader.Events.FetchStreamAsync(id, version: 1, token: ct);
        return existing is [{ Data: TEvent earlier }] && sameRequest(earlier, first)
            ? ResourceCreated.AlreadyExisted(location, id)
            : ResourceCreated.IdTakenByDifferentBody(id);
    }
}
