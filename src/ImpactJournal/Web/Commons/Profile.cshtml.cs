using ImpactJournal.Commons;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>An alliance's public profile in the commons, as its steward wrote it, with what it shared.</summary>
public sealed class CommonsProfileModel(IDocumentStore store, IConfiguration configuration, TimeProvider clock) : CommonsPage(store, configuration, clock)
{
    [FromRoute] public Guid CommonsAllianceId { get; set; }

    public CommonsAllianceView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(ct) is { } refused) return refused;
        await using var session = Store.QuerySession();
        if (await CommonsSearch.AllianceAsync(session, CommonsAllianceId, Today, ct) is not { } view) return NotInCommons();
        View = view;
        return Page();
    }
}
