using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// One theme of the codebook: how often it is used, its weekly trend as a picture (with its numbers), the themes found
/// with it and examples the reader may read. A former name shows the theme it reads as now.
/// </summary>
public sealed class ThemePageModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, RippleMapStates states,
    TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute] public string Theme { get; set; } = "";

    public ThemeView View { get; private set; } = null!;

    public bool Commissioner => Member.Role == AllianceRole.Commissioner;

    /// <summary>The kinds of record the theme's weeks count: each kind's count (a number, or hidden) and its number in a week.</summary>
    public IReadOnlyList<(string Kind, object Count, Func<ThemeWeek, object> Weekly)> Kinds =>
    [
        ("observations", View.Theme.Observations, w => w.Observations),
        ("stories", View.Theme.Stories, w => w.Stories),
        ("ripples", View.Theme.Ripples, w => w.Ripples)
    ];

    public string ThemeAddress(string theme) => $"/alliances/{AllianceId}/codebook/themes/{Uri.EscapeDataString(theme)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        var viewer = new Viewer(Member.Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (await ReadCodebook.ThemeAsync(session, dataSource, states, viewer, Theme, ct) is not { } view)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no such theme in the codebook.");
        View = view;
        return Page();
    }
}
