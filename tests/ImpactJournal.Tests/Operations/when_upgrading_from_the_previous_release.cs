using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// An upgrade as an operator does it: the previous release's database (PreviousRelease/v1.0-demo.dump, made by
/// make-dump from commit 02f2ae7: API contract v1.0, mapping sessions with participants' names) restored with
/// ops/restore, db-apply of this release, the service started on it — and everything reads and takes writes. Then
/// the operator's rebuild of the observations: refused while the service projects, done once it is stopped.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_upgrading_from_the_previous_release(ITestOutputHelper output)
{
    private static readonly Guid Demo = Guid.Parse("2abe2b86-41a4-59b5-9c5e-e61e5b8affaa");

    [Fact]
    public async Task the_service_reads_everything_the_previous_release_wrote_and_carries_on()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        var database = cluster.ConnectionString.Replace("Database=postgres", "Database=journal");
        var dump = Path.Combine(RepositoryRoot.Path, "tests", "ImpactJournal.Tests", "Operations", "PreviousRelease", "v1.0-demo.dump");
        await OpsScripts.RunAsync("restore", database, dump);
        await using var service = new ServiceProcess(database, "impactjournal");
        await service.ApplySchemaAsync();
        // db-apply makes the tables of documents the service only ever writes later (a production service creates none).
        foreach (var table in new[] { "mt_doc_pendingerasure", "mt_doc_invitationlink", "mt_doc_residentcode", "mt_doc_checkinanswercode" })
            Assert.True(await ScalarAsync(database, $"select count(*) from information_schema.tables where table_schema = 'impactjournal' and table_name = '{table}'") == 1, $"{table} is missing");
        // The observations stored before their moments had columns of their own got them from db-apply.
        Assert.True(await ScalarAsync(database, "select count(*) from impactjournal.mt_doc_observation") > 0);
        Assert.Equal(0, await ScalarAsync(database, """
            select count(*) from impactjournal.mt_doc_observation
            where observed_at_utc is distinct from (data ->> 'observedAt')::timestamptz or logged_at_utc is distinct from (data ->> 'loggedAt')::timestamptz
            """));
        await service.StartAsync();

        var answers = await Journal.AnswersAsync(service, Demo);
        output.WriteLine($"{answers.Count} answers read after the upgrade");
        using var steward = new ServiceClient(service.Address, Journal.Steward);
        var prefix = $"/api/alliances/{Demo}";

        // Every observation the old release stored is listed and opens, page after page.
        var listed = await ListedAsync(steward, prefix);
        Assert.Equal(await ScalarAsync(database, "select count(*) from impactjournal.mt_events where type = 'observation_logged'"), listed.Count);
        foreach (var id in listed) await steward.Get($"{prefix}/observations/{id}");

        // Sessions recorded with names read as head counts, and the names leave the stored events.
        var map = answers.Keys.First(u => u.Contains("/maps/"));
        var sessions = (await steward.Get($"{map}/sessions"))!.AsArray();
        Assert.NotEmpty(sessions);
        Assert.All(sessions, s => Assert.True((int)s!["participants"]!["count"]! >= 1));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ScalarAsync(database, "select count(*) from impactjournal.mt_events where type = 'mapping_session_scheduled' and data ? 'participants' and jsonb_typeof(data->'participants') = 'array'") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the legacy names were not masked");
            await Task.Delay(200);
        }

        // And it carries on: new ripples on the old map, new observations.
        await steward.Post($"{map}/ripples", MapBuilder.RippleBody("Written after the upgrade", causedBy: [Guid.Parse(map.Split('/')[^1])]));
        var alliance = (await steward.Get(prefix))!;
        var partner = (string)alliance["partners"]!.AsArray()[0]!["id"]!;
        await steward.Post($"{prefix}/observations", ObservationBuilder.Body(partnerId: Guid.Parse(partner)));

        // rebuild-observations refuses while the service projects, and rebuilds once it is stopped.
        var (refusedCode, refused) = await service.RunCommandAsync("rebuild-observations");
        Assert.True(refusedCode != 0, refused);
        Assert.Contains("An instance is running the projections, so nothing was rebuilt", refused);
        var before = await ListedAsync(steward, prefix);
        var documents = await ScalarAsync(database, "select count(*) from impactjournal.mt_doc_observation");
        await service.KillAsync();
        var (rebuiltCode, rebuilt) = await service.RunCommandAsync("rebuild-observations");
        Assert.True(rebuiltCode == 0, rebuilt);
        Assert.Contains($"Rebuilt {documents:N0} observations", rebuilt);
        await service.StartAsync();
        Assert.Equal(before, await ListedAsync(steward, prefix));
    }

    private static async Task<List<string>> ListedAsync(ServiceClient steward, string prefix)
    {
        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await steward.Get($"{prefix}/observations?limit=50" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")))!;
            listed.AddRange(page["items"]!.AsArray().Select(o => (string)o!["id"]!));
            cursor = (string?)page["nextCursor"];
        } while (cursor is not null);
        return listed;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
