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
    ];
}
