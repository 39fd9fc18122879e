using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.UseCases;

/// <summary>
/// The alliance's own use cases: each acts on the alliance's stream, so each door gets an alliance of its own, formed and
/// peopled alike. Forming an alliance has no page (the web app only lists a person's alliances), so it has no case here.
/// </summary>
public static class AllianceDoors
{
    private static readonly string TooLong = new('x', 4001);

    /// <summary>An alliance of its own for one door: the demo steward forms it, with a partner organisation, its partner and a facilitator.</summary>
    private static async Task<Guid> AllianceAsync(Doors doors)
    {
        var allianceId = await doors.Steward.FormAlliance("Doors alliance");
        var partnerId = await doors.Steward.AddPartner(allianceId, "Ashworth Food Hub");
        await doors.Steward.AddMember(allianceId, DemoPeople.Partner, "partner", partnerId);
        await doors.Steward.AddMember(allianceId, DemoPeople.Facilitator, "facilitator");
        return allianceId;
    }

    public static IEnumerable<DoorCase> Cases =>
    [
        new("add a partner", DemoPeople.Steward, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Post, $"/api/alliances/{alliance}/partners",
                new { id = Guid.CreateVersion7(), name = bad ? "" : "Ashworth Credit Union", kind = "cooperative" }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/settings", "partner", new()
            {
                ["NewId"] = Guid.CreateVersion7().ToString(), ["PartnerName"] = bad ? "" : "Ashworth Credit Union", ["PartnerKind"] = "Cooperative"
            }),
            OwnAlliance: true),
        new("add a commitment", DemoPeople.Steward, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Post, $"/api/alliances/{alliance}/imperatives",
                new { id = Guid.CreateVersion7(), text = bad ? TooLong : "We share information before we are asked." }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/settings", "imperative", new()
            {
                ["NewId"] = Guid.CreateVersion7().ToString(), ["Imperative"] = bad ? TooLong : "We share information before we are asked."
            }),
            OwnAlliance: true),
        new("revise the shared purpose", DemoPeople.Steward, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Put, $"/api/alliances/{alliance}/purpose",
                new { sharedPurpose = bad ? " " : "Nobody in Ashworth faces multiple disadvantage alone." }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/settings", "purpose", new()
            {
                ["Purpose"] = bad ? " " : "Nobody in Ashworth faces multiple disadvantage alone."
            }),
            OwnAlliance: true),
        new("add a member", DemoPeople.Steward, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Post, $"/api/alliances/{alliance}/members",
                new { subject = "jo@ashworth.example", displayName = "Jo Newman", role = bad ? "partner" : "facilitator" }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/members", "add", new()
            {
                ["NewSubject"] = "jo@ashworth.example", ["NewName"] = "Jo Newman", ["NewRole"] = bad ? "Partner" : "Facilitator"
            }),
            OwnAlliance: true),
        new("remove a member", DemoPeople.Steward, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Delete,
                $"/api/alliances/{alliance}/members/{Uri.EscapeDataString(bad ? "nobody@ashworth.example" : DemoPeople.Facilitator)}", null),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/members", "remove", new()
            {
                ["subject"] = bad ? "nobody@ashworth.example" : DemoPeople.Facilitator
            }),
            OwnAlliance: true),
        new("change a member's role", DemoPeople.Steward, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Put, $"/api/alliances/{alliance}/members/{Uri.EscapeDataString(DemoPeople.Facilitator)}/role",
                new { role = bad ? "partner" : "commissioner" }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/members", "role", new()
            {
                ["subject"] = DemoPeople.Facilitator, ["Role"] = bad ? "Partner" : "Commissioner"
            }),
            OwnAlliance: true),
        new("revise the signification framework", DemoPeople.Facilitator, AllianceAsync,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Put, $"/api/alliances/{alliance}/signification-framework", new
            {
                dyads = new[] { new { key = "connected", prompt = bad ? TooLong : "How connected do you feel?", left = "Not at all", right = "Like family" } },
                expectedVersion = 0
            }),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/settings/framework", null, new()
            {
                ["Form.ExpectedVersion"] = "0", ["Form.Dyads[0].Key"] = "connected",
                ["Form.Dyads[0].Prompt"] = bad ? TooLong : "How connected do you feel?", ["Form.Dyads[0].Left"] = "Not at all",
                ["Form.Dyads[0].Right"] = "Like family"
            }),
            OwnAlliance: true),
    ];
}
