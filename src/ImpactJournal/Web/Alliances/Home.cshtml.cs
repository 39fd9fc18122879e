using ImpactJournal.Access;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>An alliance's front page: its purpose, its partners and what the person can do here.</summary>
public sealed class AllianceHomeModel(AllianceDirectory directory) : AlliancePage(directory)
{
    public bool MayContribute => Member.Role is AllianceRole.Partner or AllianceRole.Facilitator or AllianceRole.Steward;

    public async Task<IActionResult> OnGetAsync() => await EnterAsync() ?? Page();
}
