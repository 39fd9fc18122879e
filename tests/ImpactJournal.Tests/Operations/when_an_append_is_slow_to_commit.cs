using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Tests.Support;
using Marten;
using Marten.Services;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// The projection daemon skips a gap in the event sequence that stays open longer than its stale
/// threshold (3 s), because killed transactions leave such gaps. A slow append that is still alive
/// must not be mistaken for one: its events are projected once it commits.
/// </summary>
public sealed class when_an_append_is_slow_to_commit(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "slow-steward@example.org";
    private const string Partner = "slow-partner@example.org";

    [Fact]
    public async Task events_committed_after_the_stale_threshold_are_still_projected()
    {
        var (a, partnerId) = await As(Steward).FormAllianceWithEveryRole("slow");
        var slowId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = a.ToString();
        await using (var session = Store.LightweightSession(options))
        {
            session.Events.StartStream<Observation>(slowId, new ObservationLogged(slowId, "Logged in a slow transaction",
                DateTimeOffset.UtcNow, null, ["slow"], [], Valence.Unclear, partnerId, new Consent(ConsentScope.Alliance, false)));
            await session.SaveChangesAsync();
        }

        // Later appends commit around the open one, leaving its sequence number as a gap...
        for (var i = 0; i < 3; i++) await As(Partner).LogObservation(a);
        // ...for longer than the daemon's stale threshold (this wait is the scenario, not synchronisation).
        await Task.Delay(TimeSpan.FromSeconds(6));
        await transaction.CommitAsync();
        await CatchUpProjections();

        await using var read = Store.QuerySession(a.ToString());
        Assert.NotNull(await read.LoadAsync<Observation>(slowId));
        Assert.Equal(4, await read.Query<Observation>().CountAsync());
    }
}
