using ImpactJournal.Alliances;
using ImpactJournal.Commons;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>The learning commons: what alliances on this installation chose to share, searched by capital, theme, model, partner kind and period.</summary>
public sealed class CommonsSearchModel(IDocumentStore store, IConfiguration configuration, TimeProvider clock) : CommonsPage(store, configuration, clock)
{
    [FromQuery] public CommunityCapital? Capital { get; set; }
    [FromQuery] public string? Theme { get; set; }
    [FromQuery(Name = "model")] public string? CollaborationModel { get; set; }
    [FromQuery] public PartnerKind? PartnerKind { get; set; }
    [FromQuery] public DateOnly? From { get; set; }
    [FromQuery] public DateOnly? To { get; set; }

    public IReadOnlyList<CommonsHit> Items { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool Filtered => Capital is not null || Theme is { Length: > 0 } || CollaborationModel is { Length: > 0 } || PartnerKind is not null || From is not null || To is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(ct) is { } refused) return refused;
        if (!ModelState.IsValid) Errors = new Dictionary<string, string[]> { ["filters"] = ["One of the filters could not be read: choose again."] };
        var filter = new CommonsFilter(Capital, Theme, CollaborationModel, PartnerKind, From, To);
        if (Errors.Count == 0) Errors = filter.Validate();
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var session = Store.QuerySession();
        Items = await CommonsSearch.FindAsync(session, filter, Today, 50, ct);
        return Page();
    }
}
