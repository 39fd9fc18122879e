using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ImpactJournal.Infrastructure;

public static class Health
{
    private const string ReadyTag = "ready";

    public static void AddJournalHealthChecks(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseSchemaCheck>("database", tags: [ReadyTag]);

    public static void MapJournalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
    }

    /// <summary>Ready = the database answers and the journal's schema has been applied.</summary>
    private sealed class DatabaseSchemaCheck(NpgsqlDataSource dataSource, IConfiguration configuration) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand(
                    "select to_regclass(@events) is not null and to_regclass(@alliances) is not null");
                var schema = JournalStore.SchemaName(configuration);
                command.Parameters.AddWithValue("events", $"{schema}.mt_events");
                command.Parameters.AddWithValue("alliances", $"{schema}.mt_doc_alliance");
                var applied = (bool)(await command.ExecuteScalarAsync(ct))!;
                return applied
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("The database answers but the schema is not applied (run db-apply).");
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The database is not reachable.", e);
            }
        }
    }
}
