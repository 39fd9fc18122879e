using ImpactJournal.Codebook;
using ImpactJournal.Tests.Support;
using Marten;
using Marten.Events;

namespace ImpactJournal.Tests.UseCases;

/// <summary>The codebook's changes, each in an alliance of its own (one codebook stream per alliance) whose records are coded "homes" and "housing".</summary>
public static class CodebookDoors
{
    private static async Task<Guid> AllianceAsync(Doors doors)
    {
        var allianceId = await doors.Steward.FormAlliance("Doors codebook");
        var partnerId = await doors.Steward.AddPartner(allianceId, "Ashworth Food Hub");
        await doors.Steward.AddMember(allianceId, DemoPeople.Facilitator, "facilitator");
        await doors.Steward.LogObservation(allianceId, ObservationBuilder.Body(themes: ["homes", "housing"], partnerId: partnerId));
        await doors.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return allianceId;
    }

    private static Dictionary<string, string> Confirmed(string theme, string newName) => new()
    {
        ["ChangeId"] = Guid.CreateVersion7().ToString(), ["Theme"] = theme, ["NewName"] = newName, ["Confirmed"] = "true"
    };

    public static IEnumerable<DoorCase> Cases =>
    [
        new("rename a theme", DemoPeople.Facilitator, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Post, $"/api/alliances/{alliance}/codebook/renames",
                new { id = Guid.CreateVersion7(), theme = "homes", to = bad ? " " : "places to live" }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/codebook", "rename", Confirmed("homes", bad ? " " : "places to live")),
            OwnAlliance: true, StreamOf: AllianceCodebook.StreamIdOf),
        new("merge themes", DemoPeople.Facilitator, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Post, $"/api/alliances/{alliance}/codebook/merges",
                new { id = Guid.CreateVersion7(), themes = new[] { "homes" }, into = bad ? "homes" : "housing" }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/codebook", "merge", Confirmed("homes", bad ? "homes" : "housing")),
            OwnAlliance: true, StreamOf: AllianceCodebook.StreamIdOf),
        new("describe a theme", DemoPeople.Steward, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Post, $"/api/alliances/{alliance}/codebook/descriptions",
                new { theme = bad ? "gardens" : "housing", description = "Somewhere safe and affordable to live." }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/codebook", "describe", new()
            {
                ["Theme"] = bad ? "gardens" : "housing", ["Description"] = "Somewhere safe and affordable to live."
            }),
            OwnAlliance: true, StreamOf: AllianceCodebook.StreamIdOf),
    ];
}
