using System.Collections.Concurrent;
using System.Diagnostics;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Api;

public sealed class when_tracing_requests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_write_is_traced_through_http_wolverine_marten_and_npgsql_without_its_text()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Wolverine" or "Marten" or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add
        };
        ActivitySource.AddActivityListener(listener);

        var allianceId = await As("traced@example.org").FormAlliance();
        await As("traced@example.org").Post($"/api/alliances/{allianceId}/imperatives", new { text = "A secret-ish commitment" });

        var sources = spans.Select(s => s.Source.Name).Distinct().ToList();
        Assert.Contains("Microsoft.AspNetCore", sources);
        Assert.Contains("Marten", sources);
        Assert.Contains("Npgsql", sources);
        Assert.Contains(spans, s => s.GetTagItem("enduser.id") as string == "traced@example.org");
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), tag => tag.Value?.ToString()?.Contains("secret-ish") == true);
    }
}
