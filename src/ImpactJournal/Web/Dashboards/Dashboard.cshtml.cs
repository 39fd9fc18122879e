using ImpactJournal.Access;
using ImpactJournal.Dashboards;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// The learning dashboard of one alliance, drawn as pictures: weekly observations, ripple-map growth,
/// capital balance, indicators with their direction in words, and the latest learning review with its
/// adaptations and follow-through. No targets, no ratings. Built by the same code as GET /api/dashboard,
/// so commissioners see only what they may, with small numbers suppressed.
/// </summary>
public sealed class DashboardModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, RippleMapStates states,
    TimeProvider clock) : AlliancePage(directory)
{
    public AllianceDashboard Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        var viewer = new Viewer(Member.Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        Board = await GetDashboardEndpoint.ForAllianceAsync(session, dataSource, states, Alliance, viewer, ct);
        return Page();
    }
}
