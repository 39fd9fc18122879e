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
        new("amend an observation", DemoPeople.Partner,
            doors => doors.Api.LogObservation(doors.AllianceId),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/observations/{id}/amendments",
                new { text = bad ? TooLong : "The neighbours now cook together every week.", themes = new[] { "cooking" } }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/entries/{id}", "amend", new()
            {
                ["Text"] = bad ? TooLong : "The neighbours now cook together every week.", ["Themes"] = "cooking"
            })),
    ];
}
