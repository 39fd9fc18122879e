using ImpactJournal.Access;
using ImpactJournal.Alliances;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

public sealed record AllianceLink(Guid Id, string Name, string Role);

/// <summary>Where a signed-in person starts: their alliances, or straight into the only one.</summary>
public sealed class IndexModel(IDocumentStore store) : PageModel
{
    public IReadOnlyList<AllianceLink> Alliances { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var subject = ActingSubject.Of(User)!;
        var alliances = await MembershipQuery.AlliancesOfAsync(store, subject, ct);
        if (alliances.Count == 1) return LocalRedirect($"/alliances/{alliances[0].Id}");
        Alliances = [.. alliances.Select(a => new AllianceLink(a.Id, a.Name, Nav.RoleWords(a.MemberBySubject(subject)!)))];
        return Page();
    }
}
