using ImpactJournal.Infrastructure;
using ImpactJournal.Observations;
using ImpactJournal.Journal;
using ImpactJournal.Tests.Support;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ImpactJournal.Tests.Infrastructure;

public sealed class when_group_committing_new_streams(AppFixture fixture) : IntegrationContext(fixture)
{
    private static ObservationLogged Logged(Guid id, string text = "noted") => new(id, text, DateTimeOffset.UtcNow, null, [],
        [CommunityCapital.Social], Valence.Generative, Guid.NewGuid(), new Consent(ConsentScope.Alliance, false));

    [Fact]
    public async Task every_create_accepted_before_stopping_is_written_and_later_ones_are_refused()
    {
        var starter = new StreamStarter(Store, NullLogger<StreamStarter>.Instance);
        await starter.StartAsync(CancellationToken.None);
        var allianceId = Guid.NewGuid();
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();

        var writes = ids.Select(id => starter.StartAsync<Observation>(allianceId, id, Logged(id), "tester")).ToList();
        await starter.StopAsync(CancellationToken.None);

        Assert.All(await Task.WhenAll(writes), outcome => Assert.Equal(StartOutcome.Started, outcome));
        await using var session = Store.QuerySession(allianceId.ToString());
        foreach (var id in ids.Take(20)) Assert.Single(await session.Events.FetchStreamAsync(id));
        await Assert.ThrowsAsync<ServiceStoppingException>(() => starter.StartAsync<Observation>(allianceId, Guid.NewGuid(), Logged(Guid.NewGuid()), "late"));
    }

    [Fact]
    public async Task a_used_id_in_a_group_is_answered_alone_and_the_rest_of_the_group_is_written()
    {
        var starter = new StreamStarter(Store, NullLogger<StreamStarter>.Instance);
        await starter.StartAsync(CancellationToken.None);
        var allianceId = Guid.NewGuid();
        var taken = Guid.NewGuid();
        Assert.Equal(StartOutcome.Started, await starter.StartAsync<Observation>(allianceId, taken, Logged(taken), "first"));

        var others = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        var writes = others.Select(id => starter.StartAsync<Observation>(allianceId, id, Logged(id), "tester"))
            .Append(starter.StartAsync<Observation>(allianceId, taken, Logged(taken, "again"), "second")).ToList();
        var outcomes = await Task.WhenAll(writes);
        await starter.StopAsync(CancellationToken.None);

        Assert.Equal(StartOutcome.IdAlreadyUsed, outcomes[^1]);
        Assert.All(outcomes[..^1], outcome => Assert.Equal(StartOutcome.Started, outcome));
    }
}
