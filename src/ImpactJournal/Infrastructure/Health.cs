using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ImpactJournal.Infrastructure;

public static class Health
{
    private const string ReadyTag = "ready";

    public static void AddJournalHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProjectionLag>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProjectionLag>());
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseSchemaCheck>("database", tags: [ReadyTag])
            .AddCheck<ProjectionLagCheck>("projections", tags: [ReadyTag]);
    }

    public static void MapJournalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync })
            .AllowAnonymous();
    }

    /// <summary>
    /// The overall status and each check's, with what it saw (e.g. each projection's lag). Degraded still answers
    /// 200: the instance serves requests, an operator should look. Unhealthy answers 503.
    /// </summary>
    private static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data })
        });
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
