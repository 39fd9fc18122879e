using ImpactJournal.Access;
using ImpactJournal.Dashboards;
using ImpactJournal.Indicators;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>The alliance's cornerstone indicators: status, latest reading and direction in words, each with its small trend picture.</summary>
public sealed class IndicatorListModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    public IReadOnlyList<(IndicatorDocuments.DashboardRow Row, DashboardIndicator Shown)> Indicators { get; private set; } = [];

    public bool MayPropose => Member.Role is not AllianceRole.Commissioner;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Indicators = [.. (await IndicatorDocuments.RowsAsync(session, includeRetired: true, ct)).Select(r => (r, r.On(today)))];
        return Page();
    }
}
