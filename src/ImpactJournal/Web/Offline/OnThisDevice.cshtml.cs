using ImpactJournal.Access;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// "On this device": what the journal keeps on a phone so it works with no signal, in plain words, and the entries
/// waiting to send or to resolve. The list lives in the browser (IndexedDB), so the page's script draws it.
/// </summary>
public sealed class OnThisDeviceModel(AllianceDirectory directory) : AlliancePage(directory)
{
    public async Task<IActionResult> OnGetAsync() =>
        await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) ?? Page();
}
