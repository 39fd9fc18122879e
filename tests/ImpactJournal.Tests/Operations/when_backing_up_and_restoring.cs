using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// The operator's path: ops/backup of a running journal (the demo alliance), ops/restore into a fresh
/// PostgreSQL cluster, the service booted on it — and the same answers for a map, a trend, a review
/// summary and the dashboard as before.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_backing_up_and_restoring(ITestOutputHelper output)
{
    private const string Schema = "restored";
    private static readonly Guid Demo = Guid.Parse("2abe2b86-41a4-59b5-9c5e-e61e5b8affaa");

    [Fact]
    public async Task a_restored_backup_in_a_fresh_cluster_answers_as_the_original_did()
    {
        var backup = Path.Combine(Path.GetTempPath(), $"impactjournal-{Guid.NewGuid():N}.dump");
        try
        {
            Dictionary<string, string> before;
            await using (var original = await PrivateCluster.StartAsync())
            {
                await using var service = new ServiceProcess(original.ConnectionString, Schema, new Dictionary<string, string> { ["Demo:Seed"] = "true" });
                await service.ApplySchemaAsync();
                await service.StartAsync();
                await Journal.CaughtUpAsync(service, TimeSpan.FromSeconds(60));
                before = await Journal.AnswersAsync(service, Demo);
                output.WriteLine(await OpsScripts.RunAsync("backup", original.ConnectionString, backup));
            }

            await using var fresh = await PrivateCluster.StartAsync();
            var restoredDatabase = fresh.ConnectionString.Replace("Database=postgres", "Database=journal");
            output.WriteLine(await OpsScripts.RunAsync("restore", restoredDatabase, backup));
            await using var restored = new ServiceProcess(restoredDatabase, Schema);
            await restored.ApplySchemaAsync();
            await restored.StartAsync();
            var after = await Journal.AnswersAsync(restored, Demo);

            Assert.Equal(before.Keys, after.Keys);
            foreach (var (url, answer) in before) Assert.True(answer == after[url], $"{url} answered differently after the restore");
            // A second restore into the same, now full, database is refused rather than mixed in.
            await Assert.ThrowsAsync<InvalidOperationException>(() => OpsScripts.RunAsync("restore", restoredDatabase, backup));
        }
        finally
        {
            // A failed run must not leave a copy of the journal behind.
            File.Delete(backup);
        }
    }
}

/// <summary>Reads a journal through a running service the way its people do.</summary>
public static class Journal
{
    public const string Steward = "steward@ashworth.example";
    public const string Commissioner = "commissioner@ashworth.example";

    /// <summary>Waits until /health/ready reports no asynchronous projection behind.</summary>
    public static async Task CaughtUpAsync(ServiceProcess service, TimeSpan within)
    {
        using var anonymous = new HttpClient { BaseAddress = service.Address };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var report = JsonNode.Parse(await anonymous.GetStringAsync("/health/ready"))!;
            var projections = report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "projections")!["data"]!.AsObject();
            if (projections.Count > 0 && projections.All(p => p.Value!["events"]!.GetValue<long>() == 0)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The projections did not catch up");
    }

    /// <summary>Every map, indicator trend and review summary of the alliance, and the commissioner's dashboard, by address.</summary>
    public static async Task<Dictionary<string, string>> AnswersAsync(ServiceProcess service, Guid alliance)
    {
        using var steward = new ServiceClient(service.Address, Steward);
        using var commissioner = new ServiceClient(service.Address, Commissioner);
        var prefix = $"/api/alliances/{alliance}";
        var urls = new List<string>();
        urls.AddRange((await IdsAsync(steward, $"{prefix}/maps")).Select(id => $"{prefix}/maps/{id}"));
        urls.AddRange((await IdsAsync(steward, $"{prefix}/indicators")).Select(id => $"{prefix}/indicators/{id}/trend"));
        urls.AddRange((await IdsAsync(steward, $"{prefix}/learning-reviews")).Select(id => $"{prefix}/learning-reviews/{id}/summary"));
        Assert.Contains(urls, u => u.Contains("/maps/"));
        Assert.Contains(urls, u => u.EndsWith("/trend"));
        Assert.Contains(urls, u => u.EndsWith("/summary"));

        var answers = new Dictionary<string, string>();
        foreach (var url in urls) answers[url] = (await steward.Get(url))!.ToJsonString();
        answers["/api/dashboard"] = (await commissioner.Get("/api/dashboard"))!.ToJsonString();
        answers[$"{prefix}/observations"] = (await steward.Get($"{prefix}/observations"))!.ToJsonString();
        return answers;
    }

    private static async Task<List<string>> IdsAsync(ServiceClient client, string url)
    {
        var list = (await client.Get(url))!;
        var items = list is JsonArray array ? array : list["items"]!.AsArray();
        return [.. items.Select(i => (string)i!["id"]!)];
    }
}
