using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Api;

public sealed class platform_endpoints(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "steward@example.org";

    [Fact]
    public async Task health_endpoints_answer_without_a_token()
    {
        await Host.Scenario(s => s.Get.Url("/health/live"));
        var ready = await Host.Scenario(s => s.Get.Url("/health/ready"));
        var report = JsonNode.Parse(await ready.ReadAsTextAsync())!;
        Assert.Equal("Healthy", (string?)report["status"]);
        Assert.Equal(["database", "projections"], report["checks"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public async Task the_openapi_document_describes_the_alliance_endpoints()
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        var document = JsonNode.Parse(await result.ReadAsTextAsync())!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/alliances", paths);
        Assert.Contains("/api/alliances/{allianceId}/members/{subject}", paths);
        Assert.Contains("/api/alliances/{allianceId}/purpose", paths);
        Assert.Contains("/api/alliances/{allianceId}/maps/{mapId}/live", paths);
        Assert.Contains("/api/dashboard", paths);

        var schemas = document["components"]!["schemas"]!.AsObject().Select(s => s.Key).ToList();
        foreach (var answer in new[] { "RippleMapView", "MapDiff", "IndicatorTrend", "ReviewSummary", "DashboardAnswer" })
            Assert.Contains(answer, schemas);
        var trend = document["paths"]!["/api/alliances/{allianceId}/indicators/{indicatorId}/trend"]!["get"]!;
        Assert.Contains("Theil", trend.ToJsonString());
    }

    [Fact]
    public async Task the_interactive_docs_page_loads()
    {
        var result = await Host.Scenario(s => s.Get.Url("/docs/"));
        Assert.Contains("text/html", result.Context.Response.ContentType);
        Assert.Contains("openapi/v1.json", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task pages_take_a_bearer_token_as_the_api_does_and_send_others_to_sign_in()
    {
        var allianceId = await As(Steward).FormAlliance();
        var (status, contentType, body, _) = await As(Steward).SendBytes(HttpMethod.Get, $"/alliances/{allianceId}/entries", null);
        Assert.Equal(200, status);
        Assert.Contains("text/html", contentType);
        Assert.Contains("My entries", body);

        var (outsider, _, _, _) = await As("someone-else@example.org").SendBytes(HttpMethod.Get, $"/alliances/{allianceId}/entries", null);
        Assert.Equal(404, outsider);
        var signedOut = await Host.Scenario(s =>
        {
            s.Get.Url($"/alliances/{allianceId}/entries");
            s.StatusCodeShouldBe(302);
        });
        Assert.StartsWith("/signin", new Uri(new Uri("http://x"), signedOut.Context.Response.Headers.Location.ToString()).PathAndQuery);
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem()
    {
        var (status, contentType, _, _) = await As("x@example.org").SendRaw(HttpMethod.Get, "/api/nothing-here", null);
        Assert.Equal(404, status);
        Assert.StartsWith("application/problem+json", contentType);
    }

    [Fact]
    public async Task a_body_over_one_mebibyte_is_a_413_problem()
    {
        var huge = $"{{\"name\":\"{new string('n', 1024 * 1024)}\",\"agreementType\":\"other\",\"sharedPurpose\":\"p\"}}";
        var (status, contentType, body, _) = await As("x@example.org").SendRaw(HttpMethod.Post, "/api/alliances", huge);
        Assert.Equal(413, status);
        Assert.StartsWith("application/problem+json", contentType);
        Assert.Contains("1048576", body);
    }

    [Fact]
    public async Task a_wrong_content_type_is_a_415_problem()
    {
        var (status, contentType, _, _) = await As("x@example.org").SendRaw(HttpMethod.Post, "/api/alliances",
            "name=x", "application/x-www-form-urlencoded");
        Assert.Equal(415, status);
        Assert.StartsWith("application/problem+json", contentType);
    }
}
