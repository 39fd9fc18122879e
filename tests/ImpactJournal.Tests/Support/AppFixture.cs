using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Support;

/// <summary>
/// Boots the real service once for the test run, against the PostgreSQL in
/// <c>ConnectionStrings__Marten</c> (ops/test starts a throwaway cluster), in a schema of its own.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

    public IAlbaHost Host { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();
    public string ConnectionString { get; } = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? DefaultConnection;
    public string Schema { get; } = $"ij_test_{Guid.NewGuid():N}"[..24];

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        // Set before the host builds, because Program reads them while building.
        Environment.SetEnvironmentVariable("ConnectionStrings__Marten", ConnectionString);
        Environment.SetEnvironmentVariable("Marten__Schema", Schema);
        foreach (var (key, value) in TestTokens.ServerSettings)
            Environment.SetEnvironmentVariable(key.Replace(":", "__"), value);
        // Every test here sends from the same (no) address: the residents' rate limits are tested on a host of their own.
        Environment.SetEnvironmentVariable("ResidentLimits__PerInvitation__PermitLimit", "1000000");
        Environment.SetEnvironmentVariable("ResidentLimits__PerAddress__PermitLimit", "1000000");

        Host = await AlbaHost.For<Program>(builder => builder
            .UseEnvironment("Testing")
            .ConfigureLogging(logging => logging.AddProvider(Logs)));
        // As db-apply does before a deployment: readiness must not depend on which test touched Marten first.
        // The async daemon creates the event tables as it starts; should both race, the second attempt finds them made.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Host.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                break;
            }
            catch (Marten.Exceptions.MartenSchemaException) when (attempt < 3)
            {
            }
        }
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {Schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}
