namespace ImpactJournal.Tests.UseCases;

/// <summary>Proposing an indicator, its lifecycle, and its readings (one at a time and from CSV), through the API and the pages.</summary>
public static class IndicatorDoors
{
    private static readonly string TooLong = new('x', 4001);
    private const string Readings = "observedOn,value,note\r\n2026-11-06,12,\r\nnot a day,3,\r\n2026-11-13,15,Counted twice\r\n";

    public static IEnumerable<DoorCase> Cases =>
    [
        new("propose an indicator", DemoPeople.Partner,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/indicators", new
            {
                id, name = bad ? "" : "Meals shared", question = "How many meals were eaten together this week?", unit = "count",
                method = "Volunteers count plates.", proposedBy = "The residents' panel", narrativeOfSuccess = "Nobody eats alone."
            }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/indicators/propose?draft={id}", null, new()
            {
                ["Id"] = id.ToString(), ["Name"] = bad ? "" : "Meals shared", ["Question"] = "How many meals were eaten together this week?",
                ["Unit"] = "Count", ["Method"] = "Volunteers count plates.", ["ProposedBy"] = "The residents' panel",
                ["NarrativeOfSuccess"] = "Nobody eats alone."
            })),
        new("adopt an indicator", DemoPeople.Facilitator,
            ProposedAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/indicators/{id}/adoption",
                new { adoptedOn = bad ? null : "2026-11-02" }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/indicators/{id}", "adopt", new() { ["AdoptedOn"] = bad ? "" : "2026-11-02" })),
        new("redefine an indicator", DemoPeople.Steward,
            ProposedAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Put, $"{doors.ApiBase}/indicators/{id}/definition",
                new { method = bad ? TooLong : "Volunteers count plates at every meal." }),
            // The page's form sends every field as shown, with only the method changed.
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/indicators/{id}", "redefine", new()
            {
                ["Name"] = "Meals shared", ["Question"] = "How many meals were eaten together this week?", ["Unit"] = "Count",
                ["Method"] = bad ? TooLong : "Volunteers count plates at every meal.", ["NarrativeOfSuccess"] = ""
            })),
        new("retire an indicator", DemoPeople.Facilitator,
            ProposedAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/indicators/{id}/retirement",
                new { reason = bad ? " " : "Replaced by a wider measure" }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/indicators/{id}", "retire", new() { ["Reason"] = bad ? " " : "Replaced by a wider measure" })),
        new("record a reading", DemoPeople.Partner,
            ProposedAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/indicators/{id}/readings",
                new { id = Guid.CreateVersion7(), value = bad ? (double?)null : 12.5, observedOn = "2026-11-06", sampleSize = 30, source = "Till roll", note = "After the fair" }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/indicators/{id}", "reading", new()
            {
                ["ReadingId"] = Guid.CreateVersion7().ToString(), ["Value"] = bad ? "" : "12.5", ["ObservedOn"] = "2026-11-06", ["SampleSize"] = "30",
                ["Source"] = "Till roll", ["Note"] = "After the fair"
            })),
        new("import readings from CSV", DemoPeople.Partner,
            ProposedAsync,
            async (doors, id, bad) => (await doors.Api.SendRaw(HttpMethod.Post, $"{doors.ApiBase}/indicators/{id}/readings/import",
                bad ? "when,how much\r\n" : Readings, "text/csv")).Status,
            async (doors, id, bad) =>
            {
                var (status, _, html) = await doors.Page.PostFileAsync($"{doors.PageBase}/indicators/{id}", "import", "file", "readings.csv",
                    bad ? "when,how much\r\n" : Readings);
                // The page shows what it imported on the trend itself (200) where other forms redirect: that tally is its "saved".
                return status == 200 && html.Contains("2 imported, 0 already in the journal, 1 not imported") ? 302 : status;
            }),
    ];

    /// <summary>A proposed indicator of the door's alliance, the same for each door.</summary>
    private static async Task<Guid> ProposedAsync(Doors doors) => (await doors.Steward.Post($"{doors.ApiBase}/indicators", new
    {
        name = "Meals shared", question = "How many meals were eaten together this week?", unit = "count",
        method = "Volunteers count plates.", proposedBy = "The residents' panel"
    }))!["id"]!.GetValue<Guid>();
}
