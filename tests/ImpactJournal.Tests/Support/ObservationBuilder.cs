using System.Text.Json.Nodes;

namespace ImpactJournal.Tests.Support;

public static class ObservationBuilder
{
    public static object Body(Guid? id = null, string text = "Three residents now volunteer on the Tuesday shift.",
        string observedAt = "2025-01-14T11:00:00Z", string scope = "alliance", bool identifiable = false,
        string[]? themes = null, string[]? capitals = null, string valence = "generative", Guid? partnerId = null) => new
    {
        id,
        text,
        observedAt,
        place = "Northfield",
        themes = themes ?? ["volunteering", "belonging"],
        capitals = capitals ?? ["social", "human"],
        valence,
        partnerId,
        consent = new { scope, identifiable }
    };

    public static async Task<Guid> LogObservation(this Api member, Guid allianceId, object? body = null)
    {
        var created = await member.Post($"/api/alliances/{allianceId}/observations", body ?? Body());
        return Guid.Parse(created!["id"]!.GetValue<string>());
    }

    public static IEnumerable<string> Ids(this JsonNode? page) =>
        page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>());
}
