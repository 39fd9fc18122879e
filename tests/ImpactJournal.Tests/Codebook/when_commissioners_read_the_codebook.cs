using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Codebook;

/// <summary>
/// A reader sees a rename, merge, former name or description only when every name it mentions is on a record they may
/// read; a theme they may not read answers 404, exactly as a theme that never existed.
/// </summary>
public sealed class when_commissioners_read_the_codebook(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "cbr-steward@example.org";
    private const string Partner = "cbr-partner@example.org";
    private const string Facilitator = "cbr-facilitator@example.org";
    private const string Commissioner = "cbr-commissioner@example.org";
    private const string Secret = "eviction at 14 mill lane";

    private static object Observed(string text, string[] themes, string scope) =>
        ObservationBuilder.Body(text: text, themes: themes, scope: scope, identifiable: true, observedAt: "2026-11-30T10:00:00Z");

    private static string Codebook(Guid a) => $"/api/alliances/{a}/codebook";

    [Fact]
    public async Task a_merge_of_a_theme_only_alliance_only_records_carry_is_not_shown_to_them()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbr");
        await As(Partner).LogObservation(a, Observed("Family of four served notice by the landlord.", [Secret], "alliance"));
        for (var i = 0; i < 5; i++)
            await As(Partner).LogObservation(a, Observed($"Housing fair, stall {i}.", ["housing"], "commissioners"));
        await CatchUpProjections();

        await As(Facilitator).Post($"{Codebook(a)}/merges", new { themes = new[] { Secret }, into = "housing" });

        var codebook = (await As(Commissioner).Get(Codebook(a)))!.ToJsonString();
        var themePage = (await As(Commissioner).Get($"{Codebook(a)}/themes/housing"))!.ToJsonString();
        Assert.DoesNotContain("mill lane", codebook);
        Assert.DoesNotContain("mill lane", themePage);
        Assert.Contains("housing", codebook);
        var byFormerName = await As(Commissioner).SendRaw(HttpMethod.Get, $"{Codebook(a)}/themes/{Uri.EscapeDataString(Secret)}", null);
        Assert.Equal(404, byFormerName.Status);
        // Those who may read the alliance-only record still see the merge.
        Assert.Contains("mill lane", (await As(Partner).Get(Codebook(a)))!.ToJsonString());
    }

    [Fact]
    public async Task a_described_theme_they_may_read_no_record_of_is_not_listed_and_its_page_answers_as_for_no_theme()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbr");
        await As(Partner).LogObservation(a, Observed("Mrs K disclosed at the drop-in.", ["domestic abuse"], "alliance"));
        await CatchUpProjections();
        await As(Facilitator).Post($"{Codebook(a)}/descriptions",
            new { theme = "domestic abuse", description = "Disclosures at the Tuesday drop-in (Mrs K, Flat 3)." }, 200);

        var codebook = (await As(Commissioner).Get(Codebook(a)))!.ToJsonString();
        Assert.DoesNotContain("domestic abuse", codebook);
        Assert.DoesNotContain("Mrs K", codebook);
        var described = await As(Commissioner).SendRaw(HttpMethod.Get, $"{Codebook(a)}/themes/domestic%20abuse", null);
        var never = await As(Commissioner).SendRaw(HttpMethod.Get, $"{Codebook(a)}/themes/never%20coded", null);
        static string Answer(string body) => System.Text.Json.Nodes.JsonNode.Parse(body)!["detail"]!.GetValue<string>();
        Assert.Equal((404, Answer(never.Body)), (described.Status, Answer(described.Body)));
        var page = await As(Commissioner).SendRaw(HttpMethod.Get, $"/alliances/{a}/codebook/themes/domestic%20abuse", null);
        Assert.Equal(404, page.Status);
        Assert.Contains("Mrs K", (await As(Steward).Get(Codebook(a)))!.ToJsonString());
    }
}
