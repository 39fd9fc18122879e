namespace ImpactJournal.Access;

public static class AllianceRoute
{
    /// <summary>The route argument that names the alliance, which is also the Marten tenant id.</summary>
    public const string AllianceId = "allianceId";

    public const string Prefix = "/api/alliances/{allianceId:guid}";

    public static Guid? AllianceIdOf(HttpContext http) =>
        http.Request.RouteValues.TryGetValue(AllianceId, out var raw) && Guid.TryParse(raw?.ToString(), out var id)
            ? id
            : null;
}
