namespace ImpactJournal.Tests.UseCases;

/// <summary>
/// Forming an alliance from a template: its page is the template's own ("Form an alliance from this template"), the API's
/// door <c>POST /api/alliances {templateId}</c>. Each door forms an alliance of its own under an id made for it; the
/// founder's token carries the name the sign-in page gives the same person, as the founding steward's name is recorded.
/// </summary>
public static class TemplateDoors
{
    private const string StewardName = "Priya Natarajan";

    public static IEnumerable<DoorCase> Cases =>
    [
        new("form an alliance from a template", DemoPeople.Steward, _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, alliance, bad) => (doors with { Api = doors.Api.Named(StewardName) }).SendAsync(HttpMethod.Post, "/api/alliances",
                new { id = alliance, name = bad ? " " : "Ashworth Food Alliance", sharedPurpose = "Nobody in Ashworth goes hungry.", templateId = "alliance-contract" }),
            (doors, alliance, bad) => doors.PostFormAsync($"/templates/alliance-contract?draft={alliance}", null, new()
            {
                ["Name"] = bad ? " " : "Ashworth Food Alliance", ["Purpose"] = "Nobody in Ashworth goes hungry."
            }),
            OwnAlliance: true),
    ];
}
