using ImpactJournal.Access;
using ImpactJournal.Journal;

namespace ImpactJournal.CheckIns;

/// <summary>A steward opened a round of check-ins against the alliance's imperatives for a period.</summary>
public sealed record CheckInRoundOpened(Guid RoundId, string Title, DateOnly PeriodStart, DateOnly PeriodEnd)
{
    public bool SameAs(CheckInRoundOpened other) =>
        Title == other.Title && PeriodStart == other.PeriodStart && PeriodEnd == other.PeriodEnd;
}

/// <summary>
/// How well the alliance lives one imperative, in one person's eyes: a rating from 1 to 5 (null: "can't say"),
/// an example of when it held or broke (shown only as its consent allows) and what would help.
/// </summary>
public sealed record ImperativeAnswer(Guid ImperativeId, int? Rating, string? Example, Consent? ExampleConsent, string? WouldHelp);

/// <summary>A member's answers for the round (who answered is the event's user); a later one replaces it.</summary>
public sealed record CheckInAnswered(Guid RoundId, AllianceRole Role, IReadOnlyList<ImperativeAnswer> Answers);

public sealed record CheckInRoundClosed(Guid RoundId);

/// <summary>
/// A resident answered the round through an invitation, with no account: ratings only (words would need a member's review
/// before anyone reads them). Counted under the resident role; their reference code is in no event, only its hash, in a
/// <see cref="CheckInAnswerCode"/>.
/// </summary>
public sealed record ResidentAnsweredCheckIn(Guid RoundId, Guid ResidentAnswerId, Guid InvitationId, IReadOnlyList<ImperativeAnswer> Answers);

/// <summary>The resident took their answers back with their code while the round was open: they no longer count.</summary>
public sealed record ResidentCheckInAnswersWithdrawn(Guid ResidentAnswerId);

/// <summary>How a resident's code finds their answers: the SHA-256 hash of the code, never the code. Kept in the inviting alliance.</summary>
public sealed record CheckInAnswerCode(string Id, Guid AllianceId, Guid RoundId, Guid ResidentAnswerId);
