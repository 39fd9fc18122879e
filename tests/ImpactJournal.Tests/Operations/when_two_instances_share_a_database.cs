using System.Diagnostics;
using ImpactJournal.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// Two service processes on one database, as a deployment for availability runs them: what one instance
/// writes, the other shows and enforces at once, and the async daemon runs on exactly one of them, moving
/// to the other when its process dies.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_two_instances_share_a_database(TwoInstances pair, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private Guid Alliance => pair.AllianceId;

    [Fact]
    public async Task a_live_map_listener_on_one_instance_sees_ripples_written_through_the_other_within_a_second()
    {
        using var facilitatorOnA = new ServiceClient(pair.A.Address, TwoInstances.Facilitator);
        using var partnerOnB = new ServiceClient(pair.B.Address, TwoInstances.Partner);
        var map = (await facilitatorOnA.Post(MapBuilder.Maps(Alliance), new { focus = "Shared by two instances" })).Id();
        using var live = await partnerOnB.Listen($"{MapBuilder.Map(Alliance, map)}/live");
        Assert.Equal("connected", (await live.Next()).Type);

        // The first ripple warms both processes (compiling the write and read paths) and is not counted.
        var delays = new List<double>();
        for (var i = -1; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var ripple = (await facilitatorOnA.Post($"{MapBuilder.Map(Alliance, map)}/ripples", MapBuilder.RippleBody($"Ripple {i}", causedBy: [map]))).Id();
            ServerEvent seen;
            do seen = await live.Next(TimeSpan.FromSeconds(5));
            while (!(seen.Type == "ripple-added" && (string?)seen.Data["data"]!["rippleId"] == ripple.ToString()));
            if (i >= 0) delays.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(Random.Shared.Next(50, 300));
        }

        delays.Sort();
        output.WriteLine($"A's ripple seen on B: median {delays[10]:0} ms, slowest {delays[^1]:0} ms (20 ripples, from sending the POST)");
        Assert.True(delays[^1] < 1000, $"slowest {delays[^1]:0} ms");
    }

    [Fact]
    public async Task a_member_removed_through_one_instance_is_refused_by_the_other_on_their_next_request()
    {
        using var stewardOnA = new ServiceClient(pair.A.Address, TwoInstances.Steward);
        const string leaving = "pair-leaving@example.org";
        using var leavingOnB = new ServiceClient(pair.B.Address, leaving);
        var observations = $"/api/alliances/{Alliance}/observations";

        for (var round = 0; round < 10; round++)
        {
            await stewardOnA.Post($"/api/alliances/{Alliance}/members", new { subject = leaving, displayName = "Leaving", role = "partner", partnerId = pair.PartnerId });
            // B sees the addition on its very next request, answers the one after from the alliance it keeps, and must
            // see the removal on its very next request too.
            Assert.Equal(200, await leavingOnB.StatusOf(observations));
            Assert.Equal(200, await leavingOnB.StatusOf(observations));
            await stewardOnA.Delete($"/api/alliances/{Alliance}/members/{leaving}");
            Assert.Equal(404, await leavingOnB.StatusOf(observations));
            await leavingOnB.Post(observations, ObservationBuilder.Body(partnerId: pair.PartnerId), expect: 404);
        }
    }

    [Fact]
    public async Task the_daemon_runs_on_one_instance_and_moves_to_the_other_within_30_seconds_of_a_sigkill()
    {
        Assert.Equal(["instance-a"], await pair.LeadersAsync());
        using var partnerOnB = new ServiceClient(pair.B.Address, TwoInstances.Partner);
        var observations = $"/api/alliances/{Alliance}/observations";

        // While A leads, what is written through B is projected (by A's daemon) and listed by B.
        var before = Guid.NewGuid();
        await partnerOnB.Post(observations, ObservationBuilder.Body(before, partnerId: pair.PartnerId));
        await WaitUntilListedAsync(partnerOnB, before, TimeSpan.FromSeconds(10));

        await pair.A.KillAsync();
        var killed = Stopwatch.StartNew();
        var after = Guid.NewGuid();
        await partnerOnB.Post(observations, ObservationBuilder.Body(after, partnerId: pair.PartnerId));
        var leader = await pair.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var leading = killed.Elapsed;
        await WaitUntilListedAsync(partnerOnB, after, TimeSpan.FromSeconds(30) - killed.Elapsed);
        var projected = killed.Elapsed;
        output.WriteLine($"SIGKILL of the leader: B took the lead after {leading.TotalSeconds:0.0} s and projected the waiting observation after {projected.TotalSeconds:0.0} s");

        Assert.Equal("instance-b", leader);
        await pair.A.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(["instance-b"], await pair.LeadersAsync());
    }

    private async Task WaitUntilListedAsync(ServiceClient client, Guid id, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var listed = (await client.Get($"/api/alliances/{Alliance}/observations"))!["items"]!.AsArray();
            if (listed.Any(o => (string?)o!["id"] == id.ToString())) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{id} was not listed within {within.TotalSeconds:0} s");
    }
}
