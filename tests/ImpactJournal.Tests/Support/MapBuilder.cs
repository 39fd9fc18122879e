using System.Text.Json.Nodes;

namespace ImpactJournal.Tests.Support;

/// <summary>Builds ripple maps through the public API, the way a facilitator and participants would.</summary>
public static class MapBuilder
{
    public static string Maps(Guid allianceId) => $"/api/alliances/{allianceId}/maps";

    public static string Map(Guid allianceId, Guid mapId) => $"{Maps(allianceId)}/{mapId}";

    public static async Task<Guid> StartMap(this Api facilitator, Guid allianceId, string focus = "Community fridge at St Mark's")
    {
        var created = await facilitator.Post(Maps(allianceId), new { focus, description = "Opened in the church hall in March." });
        return created.Id();
    }

    public static async Task<Guid> ScheduleSession(this Api facilitator, Guid allianceId, Guid mapId, string title = "Spring mapping",
        string heldOn = "2025-04-22")
    {
        var created = await facilitator.Post($"{Map(allianceId, mapId)}/sessions",
            new { title, heldOn, participants = new { count = 12, roles = new[] { "residents", "partner staff" } } });
        return created.Id();
    }

    public static object RippleBody(string label, string[]? capitals = null, string valence = "generative", bool? intended = true,
        Guid[]? causedBy = null, Guid? sessionId = null, Guid? id = null, object[]? evidence = null) => new
    {
        id,
        label,
        capitals = capitals ?? ["social"],
        valence,
        intended,
        causedBy,
        sessionId,
        evidence = evidence ?? []
    };

    public static async Task<Guid> AddRipple(this Api participant, Guid allianceId, Guid mapId, string label,
        string[]? capitals = null, Guid[]? causedBy = null, string valence = "generative", bool? intended = true, Guid? sessionId = null)
    {
        var created = await participant.Post($"{Map(allianceId, mapId)}/ripples",
            RippleBody(label, capitals, valence, intended, causedBy, sessionId));
        return created.Id();
    }

    public static async Task<Guid> Link(this Api participant, Guid allianceId, Guid mapId, Guid from, Guid to, string relation = "led-to")
    {
        var created = await participant.Post($"{Map(allianceId, mapId)}/links", new { from, to, relation });
        return created.Id();
    }

    public static Guid Id(this JsonNode? created) => Guid.Parse(created!["id"]!.GetValue<string>());

    public static JsonNode Node(this JsonNode map, Guid id) =>
        map["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == id.ToString())!;

    public static JsonNode LinkOf(this JsonNode map, Guid id) =>
        map["links"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == id.ToString())!;

    public static int? Order(this JsonNode map, Guid id) => map.Node(id)["order"]?.GetValue<int>();
}
