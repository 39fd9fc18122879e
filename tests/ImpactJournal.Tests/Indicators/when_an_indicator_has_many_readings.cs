using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Indicators;

/// <summary>A definition version takes a stated number of readings, imported in one go; beyond it each is refused with a 409.</summary>
public sealed class when_an_indicator_has_many_readings(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private const string Steward = "many-steward@example.org";
    private const string Partner = "many-partner@example.org";

    [Fact]
    public async Task ten_thousand_readings_import_and_read_and_the_next_one_is_refused()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("many");
        var url = $"/api/alliances/{a}/indicators";
        var i = (await As(Partner).Post(url, new { name = "Nights nobody slept out", question = "q", unit = "count", method = "m", proposedBy = "p" })).Id();
        var first = new DateOnly(1990, 1, 1);
        var csv = new StringBuilder("observedOn,value\r\n");
        for (var d = 0; d < 10_000; d++) csv.Append($"{first.AddDays(d):yyyy-MM-dd},{d % 37 + d / 100}\r\n");

        var watch = Stopwatch.StartNew();
        var (status, _, body, _) = await As(Partner).SendRaw(HttpMethod.Post, $"{url}/{i}/readings/import", csv.ToString(), "text/csv");
        var imported = watch.Elapsed;
        Assert.Equal(200, status);
        Assert.Equal(10_000, JsonNode.Parse(body)!["imported"]!.GetValue<long>());

        watch.Restart();
        var trend = (await As(Partner).Get($"{url}/{i}/trend"))!;
        var read = watch.Elapsed;
        Assert.Equal(10_000, trend["series"]!.AsArray().Count);
        Assert.Equal("rising", trend["direction"]!.GetValue<string>());
        output.WriteLine($"10,000 readings imported in {imported.TotalSeconds:0.00} s; the trend read in {read.TotalMilliseconds:0} ms");

        var refused = await As(Partner).Post($"{url}/{i}/readings", new { value = 1, observedOn = "2025-06-01" }, expect: 409);
        Assert.Contains("10,000", refused!["detail"]!.GetValue<string>());
        var (_, _, more, _) = await As(Partner).SendRaw(HttpMethod.Post, $"{url}/{i}/readings/import", "observedOn,value\r\n2025-06-02,1\r\n", "text/csv");
        Assert.Equal(2, JsonNode.Parse(more)!["rejected"]![0]!["line"]!.GetValue<long>());

        // A new definition version starts a new series with room of its own.
        await As(Steward).Put($"{url}/{i}/definition", new { question = "How many nights did nobody sleep out this week?" });
        await As(Partner).Post($"{url}/{i}/readings", new { value = 1, observedOn = "2025-06-03" });
    }
}
