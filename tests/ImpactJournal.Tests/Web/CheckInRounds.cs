using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

public static class CheckInRounds
{
    /// <summary>The steward, signed in on this page, opens a check-in round for a period given as yyyy-MM-dd.</summary>
    public static async Task OpenAsync(IPage steward, Guid allianceId, string title, string starts, string ends)
    {
        await steward.GotoAsync($"/alliances/{allianceId}/check-ins/open");
        await steward.GetByLabel("Title").FillAsync(title);
        await steward.GetByLabel("The period it asks about starts").FillAsync(starts);
        await steward.GetByLabel("and ends").FillAsync(ends);
        await steward.GetByRole(AriaRole.Button, new() { Name = "Open the round" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("The round is open");
    }
}
