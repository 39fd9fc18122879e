using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using ImpactJournal.Tests.Support;
using System.Text.Json.Nodes;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>Lists are projected asynchronously, yet whoever just saved something finds it in their next list, every time.</summary>
public sealed class when_reading_my_own_entries(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "own-steward@example.org";
    private const string Partner = "own-partner@example.org";
    private const string Shard = "Observation:All";

    [Fact]
    public async Task what_i_just_logged_or_told_is_in_my_next_list()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("own");
        for (var i = 0; i < 5; i++)
        {
            var observation = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: $"Entry {i}"));
            Assert.Contains(observation.ToString(), (await As(Partner).Get($"/api/alliances/{a}/observations")).Ids());

            var story = (await As(Partner).Post($"/api/alliances/{a}/stories", new
            {
                title = $"Story {i}", narrative = "n", tellerRole = "resident", toldOn = "2025-03-01", consent = new { scope = "alliance", identifiable = false }
            })).Id();
            Assert.Contains(story.ToString(), (await As(Partner).Get($"/api/alliances/{a}/stories")).Ids());
        }
        var amended = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Before"));
        await As(Partner).Post($"/api/alliances/{a}/observations/{amended}/amendments", new { text = "After the amendment" }, expect: 200);
        var listed = (await As(Partner).Get($"/api/alliances/{a}/observations"))!["items"]!.AsArray()
            .Single(o => o!["id"]!.GetValue<string>() == amended.ToString())!;
        Assert.Equal("After the amendment", listed["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task my_list_waits_for_the_projection_while_others_lists_do_not()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("own");
        await CatchUpProjections();
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAgentAsync(Shard);
        Task<JsonNode?> mine;
        Guid logged;
        try
        {
            logged = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Logged while the projection stood still"));
            mine = As(Partner).Get($"/api/alliances/{a}/observations");
            var others = await As(Steward).Get($"/api/alliances/{a}/observations");
            Assert.DoesNotContain(logged.ToString(), others.Ids());
            await Task.Delay(500);
            Assert.False(mine.IsCompleted, "the writer's list answered before the projection reached their write");
        }
        finally
        {
            await daemon.StartAgentAsync(Shard, CancellationToken.None);
        }
        Assert.Contains(logged.ToString(), (await mine).Ids());
    }

    [Fact]
    public async Task the_wait_follows_the_projections_own_progress()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("own");
        await As(Partner).LogObservation(a);
        await CatchUpProjections();
        var dataSource = Host.Services.GetRequiredService<NpgsqlDataSource>();
        Assert.True(await OwnWrites.ProgressAsync<Observation>(dataSource, Fixture.Schema, CancellationToken.None) > 0);
        Assert.True(await OwnWrites.ProgressAsync<Story>(dataSource, Fixture.Schema, CancellationToken.None) > 0);
    }
}
