using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Indicators;

/// <summary>Every change to an indicator looks for it first: one that is not there is not found, whatever the body says.</summary>
public sealed class when_changing_an_indicator_that_is_not_there(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "absent-steward@example.org";

    [Theory]
    [InlineData("POST", "adoption", "{}")]
    [InlineData("POST", "retirement", "{}")]
    [InlineData("PUT", "definition", "{}")]
    [InlineData("POST", "readings", "{}")]
    [InlineData("POST", "readings", """{"linked":[{"kind":"story","id":"00000000-0000-0000-0000-000000000000"}]}""")]
    public async Task a_bad_body_for_a_missing_indicator_is_not_found(string method, string route, string body)
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("absent");
        var (status, contentType, answer, _) = await As(Steward).SendRaw(new HttpMethod(method), $"/api/alliances/{a}/indicators/{Guid.CreateVersion7()}/{route}", body);

        Assert.Equal(404, status);
        Assert.StartsWith("application/problem+json", contentType);
        Assert.Equal("No indicator with this id in this alliance.", JsonNode.Parse(answer)!["detail"]!.GetValue<string>());
    }
}
