using ImpactJournal.Infrastructure;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Journal;

/// <summary>
/// The body of a consent withdrawal; the body and its reason are optional. The reason is checked but
/// never stored: a person's reason for withdrawing is often itself personal ("she moved to …").
/// </summary>
public sealed record WithdrawConsent(string? Reason)
{
    public const int MaxReason = 2000;

    public static ProblemDetails Check(WithdrawConsent? command) => command is null
        ? WolverineContinue.NoProblems
        : new Validation().Text("reason", command.Reason, MaxReason, required: false).ToProblem();
}

/// <summary>What remains of an observation or story after consent was withdrawn.</summary>
public sealed record WithdrawnRecord(Guid Id, DateTimeOffset? WithdrawnAt)
{
    public bool Withdrawn => true;
}

/// <summary>The decision shared by every consent withdrawal endpoint.</summary>
public static class ConsentWithdrawals
{
    /// <summary>
    /// Records the erasure as pending, erases the stream's personal content from the event store,
    /// then answers with what remains, the audit event to append (none when consent was already
    /// withdrawn) and the deletion of the pending record, committed together. Should anything fail
    /// after the pending record is saved, <see cref="ConsentErasureSweeper"/> finishes the erasure.
    /// </summary>
    public static async Task<(IResult, Events, IMartenOp)> WithdrawAsync(
        IDocumentStore store, Guid allianceId, Guid streamId, EvidenceKind kind, DateTimeOffset? withdrawnAt, bool mayChange,
        string? subject, TimeProvider clock, CancellationToken ct)
    {
        if (!mayChange)
            return (Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this",
                detail: "Partners act only on their own organisation's records."), [], MartenOps.Nothing());

        await using (var pending = store.LightweightSession(allianceId.ToString()))
        {
            pending.Store(new PendingErasure(streamId, allianceId.ToString(), kind, subject, clock.GetUtcNow()));
            await pending.SaveChangesAsync(ct);
        }
        await ConsentErasure.EraseStreamAsync(store, allianceId, streamId, ct);
        var answer = Results.Ok(new WithdrawnRecord(streamId, withdrawnAt));
        return (answer, withdrawnAt is not null ? [] : [Audit(kind)], MartenOps.Delete<PendingErasure>(streamId));
    }

    /// <summary>The audit of a withdrawal: that it happened (who and when are the event's metadata), no reason text.</summary>
    public static object Audit(EvidenceKind kind) => kind == EvidenceKind.Observation
        ? new ObservationConsentWithdrawn(null)
        : new StoryConsentWithdrawn(null);
}
