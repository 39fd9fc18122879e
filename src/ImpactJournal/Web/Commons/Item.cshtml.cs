using ImpactJournal.Commons;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>One item of the learning commons, as its alliance published it, with a link to the alliance's public profile.</summary>
public sealed class CommonsItemModel(IDocumentStore store, IConfiguration configuration, TimeProvider clock) : CommonsPage(store, configuration, clock)
{
    [FromRoute] public Guid ItemId { get; set; }

    public CommonsItemView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(ct) is { } refused) return refused;
        await using var session = Store.QuerySession();
        if (await CommonsSearch.ItemAsync(session, ItemId, Today, ct) is not { } view) return NotInCommons();
        View = view;
        return Page();
    }
}
