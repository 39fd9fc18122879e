using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// An alliance's front page: its purpose, its partners and what the person can do here, including the check-in rounds
/// waiting for their answers and, for a steward, the rounds whose period has ended but that are still open.
/// </summary>
public sealed class AllianceHomeModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    public bool MayContribute => Member.Role is AllianceRole.Partner or AllianceRole.Facilitator or AllianceRole.Steward;

    public IReadOnlyList<CheckInRound> AwaitingYourAnswers { get; private set; } = [];

    public IReadOnlyList<CheckInRound> ToClose { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        var rounds = await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct);
        AwaitingYourAnswers = CheckInReminders.AwaitingAnswerFrom(rounds, Subject);
        if (Member.Role == AllianceRole.Steward) ToClose = CheckInReminders.PastTheirPeriod(rounds, Words.Today(clock));
        return Page();
    }
}
