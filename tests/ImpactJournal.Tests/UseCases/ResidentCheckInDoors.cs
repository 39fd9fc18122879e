using System.Collections.Concurrent;

namespace ImpactJournal.Tests.UseCases;

/// <summary>A resident's check-in answers, through <c>/api/invitations/{token}/check-in</c> and the page <c>/i/{token}/check-in</c>.</summary>
public static class ResidentCheckInDoors
{
    private sealed record Invited(string Token, Guid Imperative);

    /// <summary>What each arranged round's door needs besides its id: the invitation's token and the commitment to rate.</summary>
    private static readonly ConcurrentDictionary<Guid, Invited> Rounds = new();

    private static async Task<Guid> InvitedToARoundAsync(Doors doors)
    {
        var imperative = Guid.Parse((await doors.Steward.Post($"{doors.ApiBase}/imperatives", new { text = $"We listen {Guid.NewGuid():N}" }))!["id"]!.GetValue<string>());
        var round = Guid.Parse((await doors.Steward.Post($"{doors.ApiBase}/check-ins", new { title = "Spring check-in", periodStart = "2026-03-01", periodEnd = "2026-05-31" }))!["id"]!.GetValue<string>());
        var made = await doors.Steward.Post($"{doors.ApiBase}/invitations", new
        {
            purpose = "How are we doing?", kind = "check-in", checkInId = round, partnerId = doors.PartnerId,
            expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(28).ToString("yyyy-MM-dd"), maxUses = 30
        });
        Rounds[round] = new Invited(made!["token"]!.GetValue<string>(), imperative);
        return round;
    }

    public static IEnumerable<DoorCase> Cases =>
    [
        // The page shows the code it gave in place (200): it is shown this once.
        new("answer a check-in by invitation", DemoPeople.Partner, InvitedToARoundAsync,
            (doors, round, bad) => doors.SendAsync(HttpMethod.Post, $"/api/invitations/{Rounds[round].Token}/check-in", new
            {
                id = Guid.CreateVersion7(), answers = new[] { new { imperativeId = Rounds[round].Imperative, rating = bad ? 9 : 4 } }
            }),
            (doors, round, bad) => doors.PostFormAsync($"/i/{Rounds[round].Token}/check-in", null, new()
            {
                ["Id"] = Guid.CreateVersion7().ToString(), ["Answers[0].ImperativeId"] = Rounds[round].Imperative.ToString(), ["Answers[0].Rating"] = bad ? "9" : "4"
            }),
            PageSaved: 200),
    ];
}
