using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;
using Npgsql;
using Wolverine.Marten;

namespace ImpactJournal.Journal;

/// <summary>
/// The body of a consent withdrawal; the body and its reason are optional. The reason is checked but
/// never stored: a person's reason for withdrawing is often itself personal ("she moved to …").
/// </summary>
public sealed record WithdrawConsent(string? Reason)
{
    public const int MaxReason = 2000;

    /// <summary>Field errors of the optional body; none for no body.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(WithdrawConsent? command) => command is null
        ? new Dictionary<string, string[]>()
        : new Validation().Text("reason", command.Reason, MaxReason, required: false).ToErrors();
}

/// <summary>What remains of an observation or story after consent was withdrawn.</summary>
public sealed record WithdrawnRecord(Guid Id, DateTimeOffset? WithdrawnAt)
{
    public bool Withdrawn => true;
}

/// <summary>What a withdrawal reads and writes: the store, the codebook's counts (the database, the maps) and the clock.</summary>
public sealed record Withdrawing(IDocumentStore Store, NpgsqlDataSource DataSource, RippleMapStates States, TimeProvider Clock);

/// <summary>The erasure shared by every consent withdrawal (of observations and of stories).</summary>
public static class ConsentWithdrawals
{
    /// <summary>
    /// Records the erasure as pending, erases the stream's personal content from the event store, then answers with
    /// the outcome (what remains, or the refusal when the member may not change the record), the audit event to
    /// append (none when consent was already withdrawn) and the deletion of the pending record, to be committed
    /// together. Should anything fail after the pending record is saved, <see cref="ConsentErasureSweeper"/> finishes
    /// the erasure.
    /// </summary>
    public static async Task<(Outcome Outcome, IReadOnlyList<object> Events, IMartenOp PendingDone)> EraseAsync(
        IDocumentStore store, Guid allianceId, Guid streamId, EvidenceKind kind, DateTimeOffset? withdrawnAt, bool mayChange,
        string? subject, TimeProvider clock, CancellationToken ct)
    {
        if (!mayChange)
            return (new Outcome.Forbidden("Partners act only on their own organisation's records."), [], MartenOps.Nothing());

        await using (var pending = store.LightweightSession(allianceId.ToString()))
        {
            pending.Store(new PendingErasure(streamId, allianceId.ToString(), kind, subject, clock.GetUtcNow()));
            await pending.SaveChangesAsync(ct);
        }
        await ConsentErasure.EraseStreamAsync(store, allianceId, streamId, ct);
        var location = $"/api/alliances/{allianceId}/{(kind == EvidenceKind.Observation ? "observations" : "stories")}/{streamId}";
        var outcome = Outcome.Changed(streamId, location, new WithdrawnRecord(streamId, withdrawnAt));
        return (outcome, withdrawnAt is not null ? [] : [Audit(kind)], MartenOps.Delete<PendingErasure>(streamId));
    }

    /// <summary>
    /// A whole withdrawal as a use case runs it: loads the record (<paramref name="state"/> says whether consent was
    /// withdrawn already, whether the member may change it and the themes it was coded with), erases (from the
    /// codebook too, <see cref="CodebookErasure"/>), and appends the audit with the pending record's deletion and the
    /// read model's erasure. Should a concurrent write refuse that append, the words are erased all the same and the
    /// sweeper appends the audit.
    /// </summary>
    public static async Task<Outcome> WithdrawFromStreamAsync<T>(Withdrawing deps, ActingMember acting, Guid streamId, EvidenceKind kind,
        string notFound, Func<T, (DateTimeOffset? WithdrawnAt, bool MayChange, IEnumerable<string> Themes)> state, CancellationToken ct) where T : class
    {
        var (store, clock) = (deps.Store, deps.Clock);
        await using var session = UseCase.OpenSession(store, acting);
        var stream = await session.Events.FetchForWriting<T>(streamId, ct);
        if (stream.Aggregate is not { } record) return new Outcome.NotFound(notFound);
        var (withdrawnAt, mayChange, themes) = state(record);
        var (outcome, events, pendingDone) = await EraseAsync(store, acting.AllianceId, streamId, kind, withdrawnAt, mayChange,
            acting.Subject, clock, ct);
        if (outcome is not Outcome.Saved) return outcome;
        await CodebookErasure.EraseAsync(store, deps.DataSource, deps.States, acting.AllianceId, streamId, themes, ct);
        stream.AppendMany([.. events]);
        pendingDone.Execute(session);
        new EraseReadModelNow(streamId, kind, withdrawnAt ?? clock.GetUtcNow()).Execute(session);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // Another write landed at the same moment: the words are erased already, and the sweeper appends the audit.
        }
        return outcome;
    }

    /// <summary>The audit of a withdrawal: that it happened (who and when are the event's metadata), no reason text.</summary>
    public static object Audit(EvidenceKind kind) => kind == EvidenceKind.Observation
        ? new ObservationConsentWithdrawn(null)
        : new StoryConsentWithdrawn(null);
}
