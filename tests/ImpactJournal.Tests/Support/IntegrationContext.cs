using Alba;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImpactJournal.Tests.Support;

/// <summary>Base of HTTP scenario tests: one shared host, data reset before each test class.</summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture fixture) : IAsyncLifetime
{
    protected IAlbaHost Host => fixture.Host;
    protected AppFixture Fixture => fixture;
    protected IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public virtual async Task InitializeAsync()
    {
        // The reset truncates every table in one transaction; a projection batch still being written by the daemon
        // (the previous class's last events) takes the same tables in another order, and PostgreSQL may pick the
        // reset as a deadlock's victim. Let the daemon finish first, and try once more should it still happen.
        try { await CatchUpProjections(); }
        catch (TimeoutException)
        {
            // An empty journal ("no event activity"): nothing is being projected.
        }
        try { await Host.ResetAllMartenDataAsync(); }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected)
        {
            await Host.ResetAllMartenDataAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Waits until the async daemon has projected every event appended so far.</summary>
    protected Task CatchUpProjections() => Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    protected Api As(string subject) => new(Host, subject);

    protected Api Anonymous() => new(Host, null);
}
