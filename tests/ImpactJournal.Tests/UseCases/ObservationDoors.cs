using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.UseCases;

public static class ObservationDoors
{
    private static readonly string TooLong = new('x', 4001);

    public static IEnumerable<DoorCase> Cases =>
    [
        new("log an observation", DemoPeople.Partner,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/observations", new
            {
                id, text = bad ? "" : "Two neighbours cooked together for the first time.", observedAt = "2026-11-30T10:30:00Z",
                themes = new[] { "food", "cooking" }, capitals = new[] { "social" }, valence = "generative",
                consent = new { scope = "alliance", identifiable = false }
            }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/notice?draft={id}", null, new()
            {
                ["Form.Id"] = id.ToString(), ["Form.Text"] = bad ? "" : "Two neighbours cooked together for the first time.",
                ["Form.ObservedAt"] = "2026-11-30T10:30", ["Form.Themes"] = "food, cooking", ["Form.Capitals"] = "social",
                ["Form.Valence"] = "generative", ["Form.Scope"] = "alliance", ["Form.Identifiable"] = "false"
            })),
        // The page sends its whole form, as a browser does; only what differs from the entry is recorded. Logged for
        // commissioners, it is narrowed to the alliance.
        new("amend an observation", DemoPeople.Partner,
            doors => doors.Api.LogObservation(doors.AllianceId, ObservationBuilder.Body(scope: "commissioners")),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/observations/{id}/amendments", new
            {
                text = bad ? TooLong : "The neighbours now cook together every week.", observedAt = "2026-11-29T09:15:00Z", place = "Ashworth Library",
                themes = new[] { "cooking" }, capitals = new[] { "built" }, valence = "mixed", consent = new { scope = "alliance" }
            }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/entries/{id}", "amend", new()
            {
                ["Text"] = bad ? TooLong : "The neighbours now cook together every week.", ["ObservedAt"] = "2026-11-29T09:15",
                ["Place"] = "Ashworth Library", ["Themes"] = "cooking", ["Capitals"] = "built", ["Valence"] = "mixed", ["Scope"] = "alliance"
            })),
        new("retract an observation", DemoPeople.Partner,
            doors => doors.Api.LogObservation(doors.AllianceId),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/observations/{id}/retraction",
                new { reason = bad ? " " : "Logged twice by mistake" }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/entries/{id}", "retract", new()
            {
                ["Reason"] = bad ? " " : "Logged twice by mistake"
            })),
        // The page asks for a confirmation rather than a reason: its bad input is the box left unticked.
        new("withdraw consent from an observation", DemoPeople.Partner,
            doors => doors.Api.LogObservation(doors.AllianceId),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/observations/{id}/consent-withdrawal",
                bad ? new { reason = TooLong } : null),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/entries/{id}", "withdraw", new()
            {
                ["Confirmed"] = bad ? "false" : "true"
            })),
        // The page shows what was imported in place (200) rather than redirecting.
        new("import observations", DemoPeople.Partner,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendCsvAsync($"{doors.ApiBase}/observations/import", Csv(id, bad)),
            (doors, id, bad) => doors.UploadCsvAsync($"{doors.PageBase}/import", Csv(id, bad)),
            PageSaved: 200),
    ];

    /// <summary>One row to import; a bad file has a column the import does not know.</summary>
    private static string Csv(Guid id, bool bad) => $"id,observedAt,text,themes,capitals,valence,consentScope,identifiable{(bad ? ",mood" : "")}\r\n"
        + $"{id},2026-11-30T10:30:00Z,Two neighbours cooked together for the first time.,food;cooking,social,generative,alliance,false{(bad ? ",glad" : "")}\r\n";
}
