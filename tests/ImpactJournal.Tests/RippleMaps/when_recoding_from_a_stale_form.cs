using System.Text.RegularExpressions;
using ImpactJournal.Tests.Support;
using ImpactJournal.Tests.UseCases;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>
/// A re-coding carries the version of the ripple's coding it was made against: someone else's re-coding since is
/// not silently replaced, while the rest of a live session's writes to the same map do not get in the way.
/// </summary>
public sealed partial class when_recoding_from_a_stale_form(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = DemoPeople.Steward;
    private const string Facilitator = DemoPeople.Facilitator;

    [Fact]
    public async Task the_api_refuses_a_recoding_made_against_an_older_coding_of_the_ripple_and_only_of_that_ripple()
    {
        var (a, m, ripple, other) = await MapWithTwoRipplesAsync();
        var coding = $"{MapBuilder.Map(a, m)}/ripples/{ripple}/coding";
        var shown = await VersionOfAsync(a, m, ripple);

        await As(Steward).Put(coding, new { capitals = new[] { "natural" } });
        var problem = (await As(Facilitator).Put(coding, new { capitals = new[] { "human" }, expectedVersion = shown }, expect: 409))!;

        var now = await VersionOfAsync(a, m, ripple);
        Assert.Equal("Changed since you read it", problem["title"]!.GetValue<string>());
        Assert.Equal(now, problem["currentVersion"]!.GetValue<long>());
        var detail = (await As(Facilitator).Get($"{MapBuilder.Map(a, m)}/ripples/{ripple}"))!;
        Assert.Equal(["natural"], detail["codings"]!.AsArray()[^1]!["capitals"]!.AsArray().Select(c => c!.GetValue<string>()));

        // The session goes on: other ripples are added and re-coded, and the map's version moves on; the ripple's does not.
        await As(Steward).Put($"{MapBuilder.Map(a, m)}/ripples/{other}/coding", new { capitals = new[] { "built" } });
        await As(Steward).AddRipple(a, m, "Huddle starts", ["social"], [m]);
        var saved = (await As(Facilitator).Put(coding, new { capitals = new[] { "human" }, expectedVersion = now }))!;
        Assert.Equal(3, saved["codings"]!.GetValue<int>());
        Assert.Equal(await VersionOfAsync(a, m, ripple), saved["version"]!.GetValue<long>());

        await As(Facilitator).Put(coding, new { capitals = new[] { "human" }, expectedVersion = 0 }, expect: 400);
    }

    [Fact]
    public async Task the_board_shows_both_codings_keeps_the_choice_and_saves_it_when_sent_again()
    {
        var (a, m, ripple, _) = await MapWithTwoRipplesAsync();
        using var board = await PageVisitor.SignInAsync(Host, Facilitator);
        var address = $"/alliances/{a}/maps/{m}/board";
        var (_, shown) = await board.GetAsync(address);

        await As(Steward).Put($"{MapBuilder.Map(a, m)}/ripples/{ripple}/coding", new { capitals = new[] { "natural" } });
        var refused = await board.PostFormAsync(address, "Recode", Recoding(ripple, VersionShown(shown, ripple)));

        Assert.Equal(409, refused.Status);
        Assert.Contains("re-coded “Volunteers trained” after you opened the board", refused.Html);
        Assert.Contains("It is now: <strong>Natural</strong>", refused.Html);
        Assert.Contains("Your choice, kept below: <strong>Human, Social</strong>", refused.Html);
        Assert.Matches("id=\"rr-Human\"[^>]*checked", refused.Html);
        Assert.DoesNotMatch("id=\"rr-Natural\"[^>]*checked", refused.Html);
        Assert.Equal(await VersionOfAsync(a, m, ripple), VersionShown(refused.Html, ripple));

        var saved = await board.PostFormAsync(address, "Recode", Recoding(ripple, VersionShown(refused.Html, ripple)));
        Assert.Equal(302, saved.Status);
        var detail = (await As(Facilitator).Get($"{MapBuilder.Map(a, m)}/ripples/{ripple}"))!;
        Assert.Equal(["human", "social"], detail["codings"]!.AsArray()[^1]!["capitals"]!.AsArray().Select(c => c!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task without_script_the_board_never_saves_one_ripples_boxes_onto_another_ripple()
    {
        var (a, m, ripple, other) = await MapWithTwoRipplesAsync();
        await As(Facilitator).Put($"{MapBuilder.Map(a, m)}/ripples/{other}/coding", new { capitals = new[] { "financial", "built" } });
        using var board = await PageVisitor.SignInAsync(Host, Facilitator);
        var address = $"/alliances/{a}/maps/{m}/board";
        var (_, drawn) = await board.GetAsync($"{address}?cause={ripple}");
        Assert.Matches("name=\"Recode.Shown\" value=\"" + ripple + "\"", drawn);
        Assert.Matches("id=\"rr-Social\"[^>]*checked", drawn);

        // The person chose the other ripple in the list; without script the boxes still show the first one's coding.
        var fields = Recoding(other, VersionShown(drawn, other));
        fields["Recode.Capitals[0]"] = "Social";
        fields.Remove("Recode.Capitals[1]");
        fields["Recode.Shown"] = ripple.ToString();
        var answer = await board.PostFormAsync(address, "Recode", fields);

        Assert.Equal(400, answer.Status);
        Assert.Contains("Nothing was saved: the boxes showed another ripple's capitals. They now show the capitals of “Neighbours share lifts”",
            System.Net.WebUtility.HtmlDecode(answer.Html));
        Assert.Matches("id=\"rr-Financial\"[^>]*checked", answer.Html);
        Assert.Matches("id=\"rr-Built\"[^>]*checked", answer.Html);
        Assert.DoesNotMatch("id=\"rr-Social\"[^>]*checked", answer.Html);
        Assert.Matches("name=\"Recode.Shown\" value=\"" + other + "\"", answer.Html);
        var detail = (await As(Facilitator).Get($"{MapBuilder.Map(a, m)}/ripples/{other}"))!;
        Assert.Equal(["built", "financial"], detail["codings"]!.AsArray()[^1]!["capitals"]!.AsArray().Select(c => c!.GetValue<string>()).Order());
    }

    private async Task<(Guid Alliance, Guid Map, Guid Ripple, Guid Other)> MapWithTwoRipplesAsync()
    {
        var a = await As(Steward).FormAlliance("Stale forms");
        await As(Steward).AddMember(a, Facilitator, "facilitator");
        var m = await As(Facilitator).StartMap(a);
        var ripple = await As(Facilitator).AddRipple(a, m, "Volunteers trained", ["social"], [m]);
        var other = await As(Facilitator).AddRipple(a, m, "Neighbours share lifts", ["social"], [ripple]);
        return (a, m, ripple, other);
    }

    private async Task<long> VersionOfAsync(Guid a, Guid m, Guid ripple) =>
        (await As(Facilitator).Get($"{MapBuilder.Map(a, m)}/ripples/{ripple}"))!["version"]!.GetValue<long>();

    private static Dictionary<string, string> Recoding(Guid ripple, long version) => new()
    {
        ["Recode.Ripple"] = ripple.ToString(), ["Recode.Capitals[0]"] = "Human", ["Recode.Capitals[1]"] = "Social",
        [$"Recode.Versions[{ripple}]"] = version.ToString()
    };

    /// <summary>The version of the ripple's coding the board's re-code form carries.</summary>
    private static long VersionShown(string html, Guid ripple) =>
        long.Parse(VersionField().Matches(html).Single(m => m.Groups["ripple"].Value == ripple.ToString()).Groups["version"].Value);

    [GeneratedRegex("""name="Recode.Versions\[(?<ripple>[0-9a-f-]+)\]" value="(?<version>\d+)">""")]
    private static partial Regex VersionField();
}
