using ImpactJournal.Access;
using ImpactJournal.Journal;
using ImpactJournal.Network;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// Who works with whom: the collaboration network the journal reveals, its picture, the bridging partners, the ties
/// formed and gone quiet over the last quarter, and the partners with no ties yet; exports for other tools.
/// </summary>
public sealed class NetworkPageModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock,
    IConfiguration configuration) : AlliancePage(directory)
{
    public const int QuarterDays = 91;

    public NetworkView Network { get; private set; } = null!;
    public NetworkDiff LastQuarter { get; private set; } = null!;

    public string Api => $"/api/alliances/{AllianceId}/network";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        var viewer = new Viewer(Member.Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var quiet = configuration.GetValue("Network:QuietAfterDays", CollaborationNetwork.DefaultQuietAfterDays);
        await using var session = store.QuerySession(AllianceId.ToString());
        var now = await ReadNetworkEndpoint.NetworkAsync(HttpContext, session, dataSource, viewer.Today, quiet, viewer, ct);
        var before = await ReadNetworkEndpoint.NetworkAsync(HttpContext, session, dataSource, viewer.Today.AddDays(-QuarterDays), quiet, viewer, ct);
        Network = now.View(viewer);
        LastQuarter = CollaborationNetwork.Between(before, now, viewer);
        return Page();
    }

    public string NameOf(Guid partner) => Network.Nodes.First(n => n.PartnerId == partner).Name;
}
