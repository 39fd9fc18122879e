using ImpactJournal.Infrastructure;
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
