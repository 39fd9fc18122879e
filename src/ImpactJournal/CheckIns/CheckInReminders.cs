namespace ImpactJournal.CheckIns;

/// <summary>
/// What the open check-in rounds ask of someone: a steward is reminded of a round whose period has ended and that is
/// still open (its answers are not final, and trends use closed rounds only); anyone is shown a round they have not answered.
/// </summary>
public static class CheckInReminders
{
    /// <summary>Open rounds whose period ended before today, the longest overdue first.</summary>
    public static IReadOnlyList<CheckInRound> PastTheirPeriod(IEnumerable<CheckInRound> rounds, DateOnly today) =>
        [.. rounds.Where(r => !r.Closed && r.PeriodEnd < today).OrderBy(r => r.PeriodEnd)];

    /// <summary>Open rounds the member has not answered, the earliest period first.</summary>
    public static IReadOnlyList<CheckInRound> AwaitingAnswerFrom(IEnumerable<CheckInRound> rounds, string subject) =>
        [.. rounds.Where(r => !r.Closed && !r.Responses.ContainsKey(subject)).OrderBy(r => r.PeriodEnd)];
}
