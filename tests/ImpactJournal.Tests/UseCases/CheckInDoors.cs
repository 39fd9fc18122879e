using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.UseCases;

/// <summary>The check-ins' write use cases: the API's endpoints beside the check-in pages' forms.</summary>
public static class CheckInDoors
{
    private static string Rounds(Doors doors) => $"{doors.ApiBase}/check-ins";

    /// <summary>A round opened by the alliance's steward against the alliance's one commitment (added the first time).</summary>
    private static async Task<Guid> OpenRound(Doors doors)
    {
        if ((await doors.Steward.Get(doors.ApiBase))!["imperatives"]!.AsArray().Count == 0)
            await doors.Steward.Post($"{doors.ApiBase}/imperatives", new { text = "We share information before we are asked" });
        return (await doors.Steward.Post(Rounds(doors), new { title = "Winter check-in", periodStart = "2025-10-01", periodEnd = "2025-12-31" })).Id();
    }

    private static async Task<Guid> Commitment(Doors doors) => (await doors.Api.Get(doors.ApiBase))!["imperatives"]![0].Id();

    public static IEnumerable<DoorCase> Cases =>
    [
        new("open a check-in round", DemoPeople.Steward,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, Rounds(doors),
                new { id, title = bad ? "" : "Spring check-in", periodStart = "2026-03-01", periodEnd = "2026-05-31" }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/check-ins/open?draft={id}", null, new()
            {
                ["Id"] = id.ToString(), ["Title"] = bad ? "" : "Spring check-in", ["PeriodStart"] = "2026-03-01", ["PeriodEnd"] = "2026-05-31"
            })),
        new("answer a check-in", DemoPeople.Partner,
            OpenRound,
            async (doors, round, bad) => await doors.SendAsync(HttpMethod.Put, $"{Rounds(doors)}/{round}/answers/mine", new
            {
                answers = new[]
                {
                    new
                    {
                        imperativeId = await Commitment(doors), rating = bad ? 7 : 4, example = "The budget went round before the meeting.",
                        exampleConsent = new { scope = "alliance", identifiable = false }, wouldHelp = "Monthly huddles"
                    }
                }
            }),
            async (doors, round, bad) => await doors.PostFormAsync($"{doors.PageBase}/check-ins/{round}", null, new()
            {
                ["Answers[0].ImperativeId"] = (await Commitment(doors)).ToString(), ["Answers[0].Rating"] = bad ? "7" : "4",
                ["Answers[0].Example"] = "The budget went round before the meeting.", ["Answers[0].Scope"] = "Alliance",
                ["Answers[0].Identifiable"] = "false", ["Answers[0].WouldHelp"] = "Monthly huddles"
            })),
        // Closing takes no input: what a door can get wrong is the round.
        new("close a check-in round", DemoPeople.Steward,
            OpenRound,
            (doors, round, bad) => doors.SendAsync(HttpMethod.Post, $"{Rounds(doors)}/{(bad ? Guid.CreateVersion7() : round)}/close", new { }),
            (doors, round, bad) => doors.PostFormAsync($"{doors.PageBase}/check-ins/{(bad ? Guid.CreateVersion7() : round)}/summary", "close", new())),
    ];
}
