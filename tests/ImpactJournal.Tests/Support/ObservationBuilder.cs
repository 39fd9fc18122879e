using System.Text;
using System.Text.Json.Nodes;
using Xunit;

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

    /// <summary>
    /// Imports <paramref name="rows"/> generated observations by CSV, one every <paramref name="step"/> from
    /// <paramref name="from"/>, the consent scopes in turn and every fifth identifiable.
    /// </summary>
    public static async Task ImportGenerated(this Api steward, Guid allianceId, Guid partnerId, int rows, DateTimeOffset from, TimeSpan step)
    {
        string[] scopes = ["alliance", "commissioners", "public"];
        var csv = new StringBuilder("id,observedAt,text,themes,capitals,valence,partnerId,consentScope,identifiable\n");
        for (var i = 0; i < rows; i++)
            csv.Append($",{from.Add(step * i):O},Generated note {i},food,social,generative,{partnerId},{scopes[i % 3]},{i % 5 == 0}\n");
        var (status, _, body, _) = await steward.SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/observations/import", csv.ToString(), "text/csv");
        Assert.True(status == 200 && body.Contains($"\"imported\":{rows}"), body);
    }

    public static IEnumerable<string> Ids(this JsonNode? page) =>
        page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>());
}
