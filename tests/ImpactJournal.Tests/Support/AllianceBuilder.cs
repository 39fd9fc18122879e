using System.Text.Json.Nodes;

namespace ImpactJournal.Tests.Support;

/// <summary>Builds alliances through the public API, the way a steward would.</summary>
public static class AllianceBuilder
{
    public static object FormBody(Guid? id = null, string name = "Northfield Food Alliance") => new
    {
        id,
        name,
        agreementType = "alliance-contract",
        sharedPurpose = "Nobody in Northfield goes hungry, and everyone can cook and eat together."
    };

    public static async Task<Guid> FormAlliance(this Api steward, string name = "Northfield Food Alliance")
    {
        var created = await steward.Post("/api/alliances", FormBody(name: name));
        return Guid.Parse(created!["id"]!.GetValue<string>());
    }

    public static async Task<Guid> AddPartner(this Api steward, Guid allianceId, string name = "Harbour Housing", string kind = "vcse")
    {
        var created = await steward.Post($"/api/alliances/{allianceId}/partners", new { name, kind });
        return Guid.Parse(created!["id"]!.GetValue<string>());
    }

    public static Task<JsonNode?> AddMember(this Api steward, Guid allianceId, string subject, string role, Guid? partnerId = null) =>
        steward.Post($"/api/alliances/{allianceId}/members", new { subject, displayName = subject.Split('@')[0], role, partnerId });

    /// <summary>An alliance with a partner organisation and one member of each role besides the steward.</summary>
    public static async Task<(Guid AllianceId, Guid PartnerId)> FormAllianceWithEveryRole(this Api steward, string prefix)
    {
        var allianceId = await steward.FormAlliance($"{prefix} alliance");
        var partnerId = await steward.AddPartner(allianceId);
        await steward.AddMember(allianceId, $"{prefix}-partner@example.org", "partner", partnerId);
        await steward.AddMember(allianceId, $"{prefix}-facilitator@example.org", "facilitator");
        await steward.AddMember(allianceId, $"{prefix}-commissioner@example.org", "commissioner");
        return (allianceId, partnerId);
    }
}
