using ImpactJournal.Infrastructure;
using ImpactJournal.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Api;

/// <summary>What a restart, a redeploy or a second instance must not lose.</summary>
public sealed class when_the_service_restarts(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public void data_protection_keys_live_in_the_database_so_another_instance_reads_what_this_one_protected()
    {
        var protectedHere = Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Protect("a session");

        // A second instance: nothing in memory or on disk in common, only the database.
        var other = new ServiceCollection();
        other.AddDataProtection().SetApplicationName("impactjournal");
        other.Configure<KeyManagementOptions>(options => options.XmlRepository =
            new DataProtectionKeys.PostgresXmlRepository(Host.Services.GetRequiredService<NpgsqlDataSource>(), Fixture.Schema));
        using var services = other.BuildServiceProvider();
        Assert.Equal("a session", services.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Unprotect(protectedHere));
    }
}
