namespace ImpactJournal.Tests.UseCases;

public static class InvitationDoors
{
    private static string Later(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>An invitation made through the API by the steward for the partner, for a door to act on.</summary>
    private static async Task<Guid> MadeAsync(Doors doors)
    {
        var id = Guid.CreateVersion7();
        await doors.Steward.Post($"{doors.ApiBase}/invitations", new
        {
            id, purpose = "Tell us about the Tuesday meal", kind = "story", expiresOn = Later(28), maxUses = 30, partnerId = doors.PartnerId
        });
        return id;
    }

    /// <summary>A resident's story told through an invitation, waiting for the partner's review.</summary>
    private static async Task<Guid> WaitingAsync(Doors doors)
    {
        var made = await doors.Steward.Post($"{doors.ApiBase}/invitations", new
        {
            purpose = "Tell us about the Tuesday meal", kind = "story", expiresOn = Later(28), maxUses = 30, partnerId = doors.PartnerId
        });
        // The route takes no account: the steward's token is ignored there.
        var told = await doors.Steward.Post($"/api/invitations/{made!["token"]}/stories", new
        {
            title = "A seat saved", narrative = "Maggie saved me a seat.", scope = "alliance"
        });
        return Guid.Parse(told!["id"]!.GetValue<string>());
    }

    public static IEnumerable<DoorCase> Cases =>
    [
        // The page shows the link it made in place (200): it is shown this once.
        new("make an invitation", DemoPeople.Partner,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/invitations", new
            {
                id, purpose = bad ? "" : "Tell us about the Tuesday meal", kind = "story", expiresOn = Later(28), maxUses = 30
            }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/invitations/new?draft={id}", null, new()
            {
                ["Id"] = id.ToString(), ["Purpose"] = bad ? "" : "Tell us about the Tuesday meal", ["Kind"] = "Story",
                ["ExpiresOn"] = Later(28), ["MaxUses"] = "30"
            }),
            PageSaved: 200),
        new("revoke an invitation", DemoPeople.Partner, MadeAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Delete, $"{doors.ApiBase}/invitations/{(bad ? Guid.CreateVersion7() : id)}", null),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/invitations?invitationId={(bad ? Guid.CreateVersion7() : id)}", "revoke", [])),
        new("accept a resident's story with a change", DemoPeople.Partner, WaitingAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/stories/{id}/review",
                new { decision = "accept", narrative = "Someone saved me a seat.", reason = bad ? null : "A volunteer was named." }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/stories/waiting?residentStoryId={id}", "review", new()
            {
                ["Decision"] = "accept", ["Title"] = "A seat saved", ["Narrative"] = "Someone saved me a seat.", ["Reason"] = bad ? "" : "A volunteer was named."
            })),
        new("decline a resident's story", DemoPeople.Partner, WaitingAsync,
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/stories/{id}/review", new { decision = "decline", reason = bad ? "" : "It names a child." }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/stories/waiting?residentStoryId={id}", "review", new()
            {
                ["Decision"] = "decline", ["Reason"] = bad ? "" : "It names a child."
            })),
    ];
}
