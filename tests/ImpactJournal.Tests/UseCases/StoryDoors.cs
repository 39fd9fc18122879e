using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.UseCases;

public static class StoryDoors
{
    private static readonly string TooLong = new('x', 2001);

    /// <summary>A story told through the API by the partner, for a door to act on.</summary>
    private static async Task<Guid> ToldAsync(Doors doors)
    {
        var id = Guid.CreateVersion7();
        await doors.Steward.Post($"{doors.ApiBase}/stories", new
        {
            id, title = "Someone knew my name", narrative = "I came for the food. Maggie saved me a seat.", tellerRole = "resident",
            toldOn = "2026-11-28", consent = new { scope = "alliance", identifiable = false }, partnerId = doors.PartnerId
        });
        return id;
    }

    public static IEnumerable<DoorCase> Cases =>
    [
        new("tell a story", DemoPeople.Partner,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/stories", new
            {
                id, title = bad ? "" : "The van came back", narrative = "When the van broke down the co-op lent theirs.",
                tellerRole = "volunteer driver", toldOn = "2026-11-28", domainOfChange = "changes in relationships",
                consent = new { scope = "commissioners", identifiable = false }, themes = new[] { "transport", "mutual aid" }
            }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/stories/tell?draft={id}", null, new()
            {
                ["Form.Id"] = id.ToString(), ["Form.Title"] = bad ? "" : "The van came back",
                ["Form.Narrative"] = "When the van broke down the co-op lent theirs.", ["Form.TellerRole"] = "volunteer driver",
                ["Form.ToldOn"] = "2026-11-28", ["Form.DomainOfChange"] = "changes in relationships", ["Form.Scope"] = "Commissioners",
                ["Form.Identifiable"] = "false", ["Form.Themes"] = "transport, mutual aid"
            })),
        new("select a story", DemoPeople.Facilitator, ToldAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/stories/{id}/selections",
                new { id = Guid.CreateVersion7(), panel = "Spring panel", reason = bad ? "" : "It changed how we refer people." }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/stories/{id}", "select", new()
            {
                ["SelectionId"] = Guid.CreateVersion7().ToString(), ["Panel"] = "Spring panel", ["Reason"] = bad ? "" : "It changed how we refer people."
            })),
        new("withdraw consent to a story", DemoPeople.Partner, ToldAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/stories/{id}/consent-withdrawal",
                bad ? new { reason = TooLong } : null),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/stories/{id}", "withdraw", new()
            {
                ["Confirmed"] = bad ? "false" : "true"
            })),
    ];
}
