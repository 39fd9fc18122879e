using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.UseCases;

/// <summary>The learning review's write use cases: the API's endpoints beside the review pages' forms.</summary>
public static class ReviewDoors
{
    private static string Reviews(Doors doors) => $"{doors.ApiBase}/learning-reviews";

    /// <summary>A review opened by the alliance's steward, for a door to act on.</summary>
    private static async Task<Guid> OpenReview(Doors doors) =>
        (await doors.Steward.Post(Reviews(doors), new { title = "Winter review", periodStart = "2025-11-01", periodEnd = "2026-01-31" })).Id();

    private static async Task<Guid> OpenReviewWithAnAdaptation(Doors doors)
    {
        var review = await OpenReview(doors);
        await doors.Steward.Post($"{Reviews(doors)}/{review}/adaptations", new { text = "Tenants chair the quarterly meeting", owner = "Harbour Housing" });
        return review;
    }

    private static async Task<Guid> AdaptationOf(Doors doors, Guid review) =>
        (await doors.Api.Get($"{Reviews(doors)}/{review}"))!["adaptations"]![0].Id();

    public static IEnumerable<DoorCase> Cases =>
    [
        new("open a learning review", DemoPeople.Facilitator,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, Reviews(doors), new
            {
                id, title = bad ? "" : "Spring review", periodStart = "2026-03-01", periodEnd = "2026-05-31",
                questions = new[] { "What did we notice?", "What surprised us?" }
            }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/reviews/open?draft={id}", null, new()
            {
                ["Id"] = id.ToString(), ["Title"] = bad ? "" : "Spring review", ["PeriodStart"] = "2026-03-01", ["PeriodEnd"] = "2026-05-31",
                ["Questions"] = "What did we notice?\nWhat surprised us?"
            })),
        new("add a reflection", DemoPeople.Partner,
            OpenReview,
            (doors, review, bad) => doors.SendAsync(HttpMethod.Post, $"{Reviews(doors)}/{review}/reflections",
                new { id = Guid.CreateVersion7(), kind = "surprised", text = bad ? "" : "Tenants ran the meeting themselves." }),
            (doors, review, bad) => doors.PostFormAsync($"{doors.PageBase}/reviews/{review}", "reflect", new()
            {
                ["NewId"] = Guid.CreateVersion7().ToString(), ["Kind"] = "Surprised", ["Reflection"] = bad ? "" : "Tenants ran the meeting themselves."
            })),
        new("agree an adaptation", DemoPeople.Partner,
            OpenReview,
            (doors, review, bad) => doors.SendAsync(HttpMethod.Post, $"{Reviews(doors)}/{review}/adaptations",
                new { id = Guid.CreateVersion7(), text = bad ? " " : "Open the hall on Saturdays", owner = "Harbour Housing" }),
            (doors, review, bad) => doors.PostFormAsync($"{doors.PageBase}/reviews/{review}", "adapt", new()
            {
                ["NewId"] = Guid.CreateVersion7().ToString(), ["Adaptation"] = bad ? " " : "Open the hall on Saturdays", ["Owner"] = "Harbour Housing"
            })),
        new("record progress on an adaptation", DemoPeople.Partner,
            OpenReviewWithAnAdaptation,
            async (doors, review, bad) => await doors.SendAsync(HttpMethod.Post,
                $"{Reviews(doors)}/{review}/adaptations/{await AdaptationOf(doors, review)}/progress",
                new { id = Guid.CreateVersion7(), status = bad ? null : "trying", note = "Two meetings so far", expectedVersion = 0 }),
            async (doors, review, bad) => await doors.PostFormAsync(
                $"{doors.PageBase}/reviews/{review}?adaptationId={await AdaptationOf(doors, review)}", "progress", new()
                {
                    ["NewId"] = Guid.CreateVersion7().ToString(), ["Status"] = bad ? "" : "Trying", ["Note"] = "Two meetings so far",
                    ["ExpectedVersion"] = "0"
                })),
        new("close a learning review", DemoPeople.Facilitator,
            OpenReview,
            (doors, review, bad) => doors.SendAsync(HttpMethod.Post, $"{Reviews(doors)}/{review}/close",
                new { summary = bad ? new string('x', 20_001) : "Tenants lead; we follow up in spring." }),
            (doors, review, bad) => doors.PostFormAsync($"{doors.PageBase}/reviews/{review}", "close", new()
            {
                ["Summary"] = bad ? new string('x', 20_001) : "Tenants lead; we follow up in spring."
            })),
    ];
}
