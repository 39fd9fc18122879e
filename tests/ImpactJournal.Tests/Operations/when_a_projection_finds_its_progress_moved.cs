using ImpactJournal.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// A projection's agent whose batch finds the projection's stored progress moved by someone else is stopped by Marten's
/// daemon for good (ProgressionProgressOutOfOrderException), and the daemon's coordinator restarts only paused or
/// missing agents. Around database restarts this can happen when a batch commits without its acknowledgement reaching
/// the agent, or when a replaced agent's last batch commits after its successor read the progress (neither was caught
/// in the act; the move below stands in for both). The observation list then stood still, with events waiting, until
/// the service was restarted.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_a_projection_finds_its_progress_moved(ITestOutputHelper output)
{
    private static readonly TimeSpan ProjectingWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task it_is_started_again_from_the_stored_progress_and_catches_up_within_5_s()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var journal = await FailingJournal.StartAsync(cluster, "moved");
        await using var writers = journal.StartWriters(4);
        var warm = DateTime.UtcNow;
        await writers.UntilAcknowledgedAfterAsync(warm, TimeSpan.FromSeconds(30));
        var (warmedUp, notYet) = await journal.UntilEveryProjectionReachesAsync(await journal.JournalEndAsync(), warm, TimeSpan.FromSeconds(30));
        Assert.True(notYet.Length == 0, $"{string.Join(", ", notYet)} never started ({warmedUp:0.0} s)");

        var passedOver = await journal.MoveProgressBehindTheAgentAsync("Observation:All");
        var stoppedAt = await UntilLoggedAsync(journal.Service, "ProgressionProgressOutOfOrderException", TimeSpan.FromSeconds(15));
        Assert.True(stoppedAt is not null, "the observation projection's agent never found its progress moved");

        await writers.UntilAcknowledgedAfterAsync(stoppedAt.Value, TimeSpan.FromSeconds(30));
        var (seconds, behind) = await journal.UntilEveryProjectionReachesAsync(await journal.JournalEndAsync(), stoppedAt.Value, ProjectingWithin);
        await writers.StopAsync();
        var listed = await journal.UntilListedAsync([.. writers.Acknowledged.Where(id => id != passedOver)], DateTime.UtcNow, TimeSpan.FromSeconds(10));

        output.WriteLine((behind.Length == 0
            ? $"every projection past the writes made after the agent stopped {seconds:0.0} s after it stopped"
            : $"{string.Join(", ", behind)} still short of the writes made after the agent stopped {seconds:0.0} s after") +
            $"; once the writers stopped, {listed} (leaving out the one observation the move passed over)");
        Assert.True(behind.Length == 0, $"{string.Join(", ", behind)} still short {seconds:0.0} s after its agent stopped (bound {ProjectingWithin.TotalSeconds:0} s)");
        Assert.True(listed.Missing == 0, listed.ToString());
    }

    /// <summary>When the service first wrote a line containing <paramref name="text"/>, waiting at most <paramref name="within"/>.</summary>
    private static async Task<DateTime?> UntilLoggedAsync(ServiceProcess service, string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (service.Output.Any(line => line.Contains(text, StringComparison.Ordinal))) return DateTime.UtcNow;
            await Task.Delay(50);
        }
        return null;
    }
}
