using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Demo;
using ImpactJournal.Infrastructure;
using ImpactJournal.Invitations;
using ImpactJournal.Web;
using JasperFx;
using Scalar.AspNetCore;
using Wolverine.Http;

FormerAssemblyName.LeadHere();
var builder = WebApplication.CreateBuilder(args);

builder.AddJournalTelemetry();
builder.AddJournalErrorHandling();
builder.AddJournalJson();
builder.AddJournalStore();
builder.AddJournalWriters();
builder.AddJournalWolverine();
builder.AddJournalAuthentication();
builder.AddJournalDataProtection();
builder.AddJournalWeb();
builder.AddJournalHealthChecks();
builder.AddDemoSeed();
builder.AddJournalApiDocument();
builder.AddResidentLimits();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();

app.UseJournalErrorHandling();
app.UseRequestGuards();
app.UseJournalWeb();
app.UseRateLimiter();
app.UseRequestBodyLimit();
app.UseOptionalBodies();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", options => options.WithTitle("ImpactJournal API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapJournalHealthChecks();
app.MapJournalWeb();
app.MapWolverineEndpoints(opts =>
{
    opts.RequireAuthorizeOnAll();
    opts.AddAllianceAccessPolicies();
    opts.AddPolicy<TagEndpointsByFeature>();
    opts.TenantId.IsRouteArgumentNamed(AllianceRoute.AllianceId);
    opts.RejectUnparseableQueryValues = true;
});

// Started without a command, the service simply runs. JasperFx's command runner (db-apply, codegen, projections, ...)
// would first print each assembly it searches for commands, before the first log line.
if (args.Length == 0)
{
    await app.RunAsync();
    return 0;
}

return await app.RunJasperFxCommands(args);

/// <summary>Entry point marker, so test hosts can boot the real application.</summary>
public partial class Program;
