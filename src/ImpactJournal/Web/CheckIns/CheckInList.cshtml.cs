using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>The alliance's check-in rounds, latest first: answer the open ones, read every round's summary.</summary>
public sealed class CheckInListModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    public IReadOnlyList<CheckInRoundItem> Rounds { get; private set; } = [];

    public bool MayOpen => Member.Role == AllianceRole.Steward;

    /// <summary>Open rounds whose period has ended: the steward is reminded to close them.</summary>
    public IReadOnlySet<Guid> PastTheirPeriod { get; private set; } = new HashSet<Guid>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        var rounds = await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct);
        if (MayOpen) PastTheirPeriod = CheckInReminders.PastTheirPeriod(rounds, Words.Today(clock)).Select(r => r.Id).ToHashSet();
        Rounds = [.. rounds.OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.OpenedAt).Select(r => new CheckInRoundItem(
            r.Id, r.Title, r.PeriodStart, r.PeriodEnd, r.Closed ? "closed" : "open", r.Responses.Count, r.Responses.ContainsKey(Subject)))];
        return Page();
    }
}
