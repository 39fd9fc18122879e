using ImpactJournal.Access;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// One ripple map: its picture (the API's own SVG, also the file for slides) and, beside it, the same
/// ripples as a list by order for those who read rather than look.
/// </summary>
public sealed class MapPageModel(AllianceDirectory directory, IDocumentStore store, RippleMapStates states) : AlliancePage(directory)
{
    [FromRoute] public Guid MapId { get; set; }

    public RippleMapView Map { get; private set; } = null!;
    public IReadOnlyList<MappingSession> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        if (await MapAt.ViewAsync(session, states, MapId, null, ct) is not { } map)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no ripple map here.");
        Map = map;
        if (await states.CurrentAsync(session, MapId, ct) is { } held) Sessions = BoardState.Sessions(held.Map);
        return Page();
    }

    public string PictureAddress => $"/api/alliances/{AllianceId}/maps/{MapId}/picture";
}
