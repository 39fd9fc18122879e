using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using ImpactJournal.Infrastructure;
using ImpactJournal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// Projection lag is measured from the journal (the age of the oldest event a projection has not processed),
/// published as a metric, and makes /health/ready say "Degraded" above the configured threshold.
/// </summary>
public sealed class when_projections_fall_behind(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task readiness_turns_degraded_past_the_threshold_and_names_the_projection()
    {
        // An instance with no daemon anywhere on its schema: nothing will catch the projections up.
        var schema = $"lag_{Guid.NewGuid():N}"[..16];
        await using var service = new ServiceProcess(Fixture.ConnectionString, schema, new Dictionary<string, string>
        {
            ["Projections:Daemon"] = "Disabled", ["Projections:LagDegradedSeconds"] = "1", ["Projections:LagPollMilliseconds"] = "200"
        });
        await service.ApplySchemaAsync();
        await service.StartAsync();
        using var steward = new ServiceClient(service.Address, "lag-steward@example.org");
        using var anonymous = new HttpClient { BaseAddress = service.Address };
        var alliance = (await steward.Post("/api/alliances", AllianceBuilder.FormBody(name: "Lagging alliance"))).Id();
        Assert.Equal("Healthy", await StatusAsync(anonymous));

        var partner = (await steward.Post($"/api/alliances/{alliance}/partners", new { name = "Harbour Housing", kind = "vcse" })).Id();
        await steward.Post($"/api/alliances/{alliance}/observations", ObservationBuilder.Body(partnerId: partner));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonNode report;
        do
        {
            await Task.Delay(200);
            var response = await anonymous.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        } while ((string?)report["status"] != "Degraded" && DateTime.UtcNow < deadline);

        Assert.Equal("Degraded", (string?)report["status"]);
        var projections = report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "projections")!;
        Assert.Contains("degraded above 1 s", (string?)projections["description"]);
        var behind = projections["data"]!.AsObject().Where(p => p.Value!["events"]!.GetValue<long>() > 0).Select(p => p.Key).ToList();
        Assert.Contains(behind, name => name.StartsWith("Observation", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task the_lag_is_a_metric_and_zero_once_the_daemon_has_caught_up()
    {
        var lag = Host.Services.GetRequiredService<ProjectionLag>();
        var steward = As("metric-steward@example.org");
        var alliance = await steward.FormAlliance("Measured alliance");
        await steward.Post($"/api/alliances/{alliance}/observations", ObservationBuilder.Body(partnerId: await steward.AddPartner(alliance)));
        await CatchUpProjections();
        var measured = await lag.MeasureAsync(CancellationToken.None);
        Assert.NotEmpty(measured);
        Assert.All(measured, p => Assert.Equal(0, p.Events));

        var seen = new List<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.ServiceName && instrument.Name.StartsWith("impactjournal.projection.lag")) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen.Add((instrument.Name, value)));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen.Add((instrument.Name, value)));
        listener.Start();
        var until = DateTime.UtcNow.AddSeconds(5);
        while (lag.MeasuredAt is null && DateTime.UtcNow < until) await Task.Delay(50);
        listener.RecordObservableInstruments();

        Assert.Contains(seen, s => s.Instrument == "impactjournal.projection.lag");
        Assert.Contains(seen, s => s.Instrument == "impactjournal.projection.lag_events");
    }

    private static async Task<string?> StatusAsync(HttpClient client) =>
        (string?)JsonNode.Parse(await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync())!["status"];
}
