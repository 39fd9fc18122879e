using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Journal;

/// <summary>The body of a consent withdrawal; the body and its reason are optional.</summary>
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
    /// Erases the stream's personal content from the event store, then answers with what remains
    /// and the audit event to append (none when consent was already withdrawn). The erasure runs
    /// before the audit is appended: should the process die in between, the content is already
    /// gone and a retry of the request appends the audit.
    /// </summary>
    public static async Task<(IResult, Wolverine.Marten.Events)> WithdrawAsync(
        IDocumentStore store, Guid allianceId, Guid streamId, DateTimeOffset? withdrawnAt, bool mayChange,
        WithdrawConsent? command, Func<string?, object> audit, CancellationToken ct)
    {
        if (!mayChange)
            return (Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this",
                detail: "Partners act only on their own organisation's records."), []);

        await ConsentErasure.EraseStreamAsync(store, allianceId, streamId, ct);
        var answer = Results.Ok(new WithdrawnRecord(streamId, withdrawnAt));
        var reason = string.IsNullOrWhiteSpace(command?.Reason) ? null : command.Reason.Trim();
        return withdrawnAt is not null ? (answer, []) : (answer, [audit(reason)]);
    }
}
