using ImpactJournal.Commons;
using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.UseCases;

/// <summary>The learning commons' write use cases: the API's endpoints beside the steward's commons page.</summary>
public static class CommonsDoors
{
    private static object Profile(string model = "alliance-contract") =>
        new { name = "Ashworth Complex Lives Alliance", about = "Partners working with people facing multiple disadvantage.", collaborationModel = model, showPartnerNames = false };

    private static Dictionary<string, string> ProfileForm(string model = "alliance-contract") => new()
    {
        ["ProfileName"] = "Ashworth Complex Lives Alliance", ["About"] = "Partners working with people facing multiple disadvantage.",
        ["CollaborationModel"] = model
    };

    /// <summary>The doors' alliance in the commons, with a commitment of its own to share.</summary>
    private static async Task<Guid> CommitmentToShare(Doors doors)
    {
        await doors.Steward.Put($"{doors.ApiBase}/commons/profile", Profile());
        return (await doors.Steward.Post($"{doors.ApiBase}/imperatives", new { text = "We share information before we are asked." })).Id();
    }

    private static async Task<Guid> SharedCommitment(Doors doors)
    {
        var commitment = await CommitmentToShare(doors);
        await doors.Steward.Post($"{doors.ApiBase}/commons/publications", new { kind = "imperative", id = commitment });
        return CommonsPublication.IdOf(commitment);
    }

    /// <summary>An alliance of the door's own (the commons' place of an alliance is one stream per alliance).</summary>
    private static Task<Guid> OwnAlliance(Doors doors) => doors.Steward.FormAlliance("Doors commons alliance");

    private static async Task<Guid> OwnAllianceInTheCommons(Doors doors)
    {
        var alliance = await OwnAlliance(doors);
        await doors.Steward.Put($"/api/alliances/{alliance}/commons/profile", Profile());
        return alliance;
    }

    public static IEnumerable<DoorCase> Cases =>
    [
        new("share an item in the commons", DemoPeople.Steward, CommitmentToShare,
            (doors, commitment, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/commons/publications",
                new { kind = "imperative", id = bad ? Guid.Empty : commitment }),
            (doors, commitment, bad) => doors.PostFormAsync($"{doors.PageBase}/commons", "publish", new()
            {
                ["Kind"] = "Imperative", ["ItemId"] = (bad ? Guid.Empty : commitment).ToString()
            }),
            StreamOf: CommonsPublication.IdOf),
        new("take an item out of the commons", DemoPeople.Steward, SharedCommitment,
            (doors, publication, bad) => doors.SendAsync(HttpMethod.Delete, $"{doors.ApiBase}/commons/publications/{(bad ? Guid.NewGuid() : publication)}", null),
            (doors, publication, bad) => doors.PostFormAsync($"{doors.PageBase}/commons", "unpublish", new()
            {
                ["ItemId"] = (bad ? Guid.NewGuid() : publication).ToString()
            })),
        new("write the alliance's public profile", DemoPeople.Steward, OwnAlliance,
            (doors, alliance, bad) => doors.SendAsync(HttpMethod.Put, $"/api/alliances/{alliance}/commons/profile", Profile(bad ? "other" : "thin-layer-cooperative")),
            (doors, alliance, bad) => doors.PostFormAsync($"/alliances/{alliance}/commons", "profile", ProfileForm(bad ? "other" : "thin-layer-cooperative")),
            OwnAlliance: true, StreamOf: CommonsMembership.IdOf),
        new("leave the commons", DemoPeople.Steward, OwnAllianceInTheCommons,
            // Bad: leaving from an alliance that is not in the commons (409); the arranged alliance stays in.
            async (doors, alliance, bad) => await doors.SendAsync(HttpMethod.Delete, $"/api/alliances/{(bad ? await OwnAlliance(doors) : alliance)}/commons/profile", null),
            async (doors, alliance, bad) => await doors.PostFormAsync($"/alliances/{(bad ? await OwnAlliance(doors) : alliance)}/commons", "leave", []),
            OwnAlliance: true, StreamOf: CommonsMembership.IdOf),
    ];
}
