using Alba;
using Marten;
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

    protected Api As(string subject) => new(Host, subject);

    protected Api Anonymous() => new(Host, null);
}
