using System.Diagnostics;
using ImpactJournal.Codebook;
using JasperFx;
using Marten;

namespace ImpactJournal.Infrastructure.UseCases;

/// <summary>
/// The parts every write use case is made of. A use case is a static <c>RunAsync</c> beside its command: it
/// validates, loads, decides with the pure <c>Decide</c>, appends, and returns an <see cref="Outcome"/>.
/// The API's endpoint and the web app's page both call it, and only translate its outcome.
/// </summary>
public static class UseCase
{
    /// <summary>Runs a use case in a span of its own, and counts its outcome.</summary>
    public static async Task<Outcome> TracedAsync(string name, ActingMember? acting, Func<Task<Outcome>> run)
    {
        using var activity = JournalInstruments.Source.StartActivity($"use case {name}");
        activity?.SetTag("impactjournal.use_case", name);
        if (acting is not null) activity?.SetTag("impactjournal.alliance", acting.AllianceId);
        var outcome = await run();
        var kind = KindOf(outcome);
        activity?.SetTag("impactjournal.outcome", kind);
        JournalInstruments.UseCases.Add(1, new KeyValuePair<string, object?>("use_case", name), new KeyValuePair<string, object?>("outcome", kind));
        return outcome;
    }

    /// <summary>A session of the acting member's alliance that records who acted and the request's trace on every event.</summary>
    public static IDocumentSession OpenSession(IDocumentStore store, ActingMember acting)
    {
        var session = store.LightweightSession(acting.AllianceId.ToString());
        session.LastModifiedBy = acting.Subject;
        session.CorrelationId = Activity.Current?.TraceId.ToString();
        return session;
    }

    /// <summary>Field errors found by a pure <c>Validate</c>, as the use case's answer; null when there are none.</summary>
    public static Outcome? Refusal(IReadOnlyDictionary<string, string[]> errors) => errors.Count == 0 ? null : new Outcome.Invalid(errors);

    /// <summary>
    /// Starts a stream whose id the client may have chosen, so that a retry never duplicates: the same first event
    /// again is "already there", a different one a conflict. The happy path costs no extra read, and rides the
    /// <see cref="StreamStarter"/>'s group commit. The id the alliance's codebook is kept under is refused (400).
    /// </summary>
    public static async Task<Outcome> StartStreamAsync<TAggregate, TEvent>(StreamStarter starter, IDocumentStore store, ActingMember acting,
        Guid id, TEvent first, Func<TEvent, TEvent, bool> sameRequest, string location, CancellationToken ct, object? body = null)
        where TAggregate : class
        where TEvent : notnull
    {
        if (id == AllianceCodebook.StreamIdOf(acting.AllianceId))
            return Outcome.InvalidField("id", "This id is kept for the alliance's codebook: send another, or none and one is made for you.");
        if (await starter.StartAsync<TAggregate>(acting.AllianceId, id, first, acting.Subject) == StartOutcome.Started)
            return Outcome.Created(id, location, body);

        await using var reader = store.QuerySession(acting.AllianceId.ToString());
        var existing = await reader.Events.FetchStreamAsync(id, version: 1, token: ct);
        return existing is [{ Data: TEvent earlier }] && sameRequest(earlier, first)
            ? Outcome.Retried(id, location, body)
            : Outcome.IdTakenByDifferentBody(id);
    }

    /// <summary>
    /// Decides against a stream's current state and appends what was decided. <paramref name="oneWriterAtATime"/> takes
    /// the stream exclusively (writers queue); otherwise a concurrent write makes this one a conflict. A stream that
    /// starts with its first change (one per alliance, say) gives <paramref name="whenNew"/> as its state before it.
    /// </summary>
    public static async Task<Outcome> ChangeStreamAsync<T>(IDocumentStore store, ActingMember acting, Guid streamId, bool oneWriterAtATime,
        string notFound, Func<T, Decision> decide, CancellationToken ct, Func<T>? whenNew = null) where T : class
    {
        await using var session = OpenSession(store, acting);
        var stream = oneWriterAtATime
            ? await session.Events.FetchForExclusiveWriting<T>(streamId, ct)
            : await session.Events.FetchForWriting<T>(streamId, ct);
        if ((stream.Aggregate ?? whenNew?.Invoke()) is not { } current) return new Outcome.NotFound(notFound);
        var decision = decide(current);
        if (decision.Events.Count == 0) return decision.Outcome;
        stream.AppendMany([.. decision.Events]);
        foreach (var write in decision.Alongside) write.Execute(session);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            return new Outcome.Conflict("Changed while you saved", "Someone else changed this at the same moment. Read it again, then make your change.");
        }
        return decision.Outcome;
    }

    private static string KindOf(Outcome outcome) => outcome switch
    {
        Outcome.Saved { IsNew: true } => "created",
        Outcome.Saved => "changed",
        Outcome.AlreadyThere => "already-there",
        Outcome.Invalid => "invalid",
        Outcome.NotFound => "not-found",
        Outcome.Forbidden => "forbidden",
        _ => "conflict"
    };
}
