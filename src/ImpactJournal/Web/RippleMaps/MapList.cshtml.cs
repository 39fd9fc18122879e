using ImpactJournal.Access;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>The alliance's ripple maps, most recently started first.</summary>
public sealed class MapListModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    public IReadOnlyList<RippleMapHeader> Maps { get; private set; } = [];

    public bool CanStart => Member.Role is AllianceRole.Steward or AllianceRole.Facilitator;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        Maps = await session.Query<RippleMapHeader>().OrderByDescending(m => m.StartedAt).ThenBy(m => m.Id).Take(200).ToListAsync(ct);
        return Page();
    }
}
