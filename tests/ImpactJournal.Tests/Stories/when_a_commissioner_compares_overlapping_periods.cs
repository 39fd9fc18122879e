using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Stories;

/// <summary>
/// For commissioners a pattern's period runs over whole calendar months, so two periods a day apart cannot be
/// compared to pick out the one story between them.
/// </summary>
public sealed class when_a_commissioner_compares_overlapping_periods(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "ovl-steward@example.org";
    private const string Partner = "ovl-partner@example.org";
    private const string Commissioner = "ovl-commissioner@example.org";

    [Fact]
    public async Task no_single_story_is_isolated_by_differencing_them()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("ovl");
        await As(Steward).Put($"/api/alliances/{a}/signification-framework", new
        {
            triads = new[] { new { key = "balance", prompt = "What mattered most?", labels = new[] { "People", "Place", "Money" } } },
            dyads = Array.Empty<object>(),
            choices = Array.Empty<object>()
        });
        async Task<Guid> Tell(string day, double[] weights) => (await As(Partner).Post($"/api/alliances/{a}/stories", new
        {
            title = "A story", narrative = "What happened.", tellerRole = "staff", toldOn = day,
            consent = new { scope = "commissioners", identifiable = false },
            signifiers = new { triads = new Dictionary<string, double[]> { ["balance"] = weights } }
        })).Id();
        for (var i = 0; i < 5; i++) await Tell("2026-01-05", [0.2, 0.4, 0.4]);
        var lone = await Tell("2026-01-10", [0.9, 0.05, 0.05]);
        for (var i = 0; i < 5; i++) await Tell("2026-01-20", [0.2, 0.4, 0.4]);
        await CatchUpProjections();

        var both = (await As(Commissioner).Get($"/api/alliances/{a}/stories/patterns?from=2026-01-10&compare={Uri.EscapeDataString("from=2026-01-11")}"))!;
        static HashSet<string> Ids(JsonNode pattern) =>
            pattern["triads"]![0]!["points"] is JsonArray points ? [.. points.Select(p => p!["storyId"]!.GetValue<string>())] : [];
        var isolated = Ids(both["pattern"]!).Except(Ids(both["comparison"]!)).ToList();
        Assert.False(isolated.Count == 1, $"isolated {string.Join(",", isolated)} (the lone story is {lone}); answer: {both.ToJsonString()}");
        // A partner's periods are not snapped: the day apart shows.
        var partners = (await As(Partner).Get($"/api/alliances/{a}/stories/patterns?from=2026-01-10&compare={Uri.EscapeDataString("from=2026-01-11")}"))!;
        Assert.Equal([lone.ToString()], Ids(partners["pattern"]!).Except(Ids(partners["comparison"]!)));
    }
}
