using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.LearningReviews;

/// <summary>
/// Progress on an adaptation carries the number of progress notes the writer read (<c>expectedVersion</c>): a note
/// written against an older picture is refused rather than silently landing on top of someone else's.
/// </summary>
public sealed class when_recording_progress_from_a_stale_form(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "stale-steward@example.org";
    private const string Partner = "stale-partner@example.org";
    private const string Facilitator = "stale-facilitator@example.org";
    private const string Commissioner = "stale-commissioner@example.org";

    [Fact]
    public async Task a_note_against_fewer_notes_than_there_are_is_refused_with_how_many_there_are_and_a_reflection_does_not_refuse_it()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("stale");
        var reviews = $"/api/alliances/{a}/learning-reviews";
        var r = (await As(Facilitator).Post(reviews, new { title = "Spring review", periodStart = "2026-01-01", periodEnd = "2026-03-31" })).Id();
        var adaptation = (await As(Partner).Post($"{reviews}/{r}/adaptations", new { text = "Open the hall on Saturdays" })).Id();
        var progress = $"{reviews}/{r}/adaptations/{adaptation}/progress";

        // Both read the adaptation with no progress; the commissioner records first.
        var first = new { id = Guid.NewGuid(), status = "trying", note = "Two Saturdays so far", expectedVersion = 0 };
        await As(Commissioner).Post(progress, first);
        await As(Partner).Post($"{reviews}/{r}/reflections", new { kind = "noticed", text = "The hall was full." });

        var stale = await As(Partner).Post(progress, new { status = "dropped", note = "Nobody came", expectedVersion = 0 }, expect: 409);
        Assert.Equal("Changed since you read it", stale!["title"]!.GetValue<string>());
        Assert.Equal(1, stale["currentVersion"]!.GetValue<long>());
        // Sent again as it was, the commissioner's note is a retry, not a stale form.
        await As(Commissioner).Post(progress, first, expect: 200);
        await As(Partner).Post(progress, new { status = "dropped", expectedVersion = -1 }, expect: 400);

        await As(Partner).Post(progress, new { status = "dropped", note = "Nobody came", expectedVersion = 1 });
        // Without expectedVersion a note is recorded whatever came before it, as it always was.
        await As(Partner).Post(progress, new { status = "trying", note = "Trying again" });

        var review = (await As(Partner).Get($"{reviews}/{r}"))!;
        var notes = review["adaptations"]![0]!["progress"]!.AsArray();
        Assert.Equal(["Two Saturdays so far", "Nobody came", "Trying again"], notes.Select(n => n!["note"]!.GetValue<string>()));
    }

    [Fact]
    public async Task the_api_document_says_what_expected_version_means()
    {
        var document = (await Anonymous().Get("/openapi/v1.json"))!;
        var body = document["paths"]!["/api/alliances/{allianceId}/learning-reviews/{reviewId}/adaptations/{adaptationId}/progress"]!["post"]!;
        var schema = body["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1];
        var expectedVersion = document["components"]!["schemas"]![schema]!["properties"]!["expectedVersion"]!;
        Assert.Contains("how many progress notes the adaptation had when you read it", expectedVersion["description"]!.GetValue<string>());
        Assert.Contains("expectedVersion", body["summary"]!.GetValue<string>());
    }
}
