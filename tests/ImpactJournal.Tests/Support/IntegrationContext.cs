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

    public virtual async Task InitializeAsync() => await Host.ResetAllMartenDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Waits until the async daemon has projected every event appended so far.</summary>
    protected Task CatchUpProjections() => Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    protected Api As(string subject) => new(Host, subject);

    protected Api Anonymous() => new(Host, null);
}
