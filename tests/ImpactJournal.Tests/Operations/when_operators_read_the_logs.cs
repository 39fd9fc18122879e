using ImpactJournal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>Logs an operator can act on: what was answered correctly is not an error.</summary>
public sealed class when_operators_read_the_logs(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "logs-steward@example.org";
    private const string Partner = "logs-partner@example.org";

    [Fact]
    public void every_json_log_line_carries_its_time()
    {
        var options = Host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ", options.TimestampFormat);
        Assert.True(options.UseUtcTimestamp);
    }

    [Fact]
    public async Task a_safe_retry_of_a_saved_id_logs_no_error_or_warning()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("logs");
        var body = ObservationBuilder.Body(Guid.NewGuid());
        await As(Partner).LogObservation(a, body);
        var before = Fixture.Logs.Lines.Count;
        var retried = await As(Partner).Post($"/api/alliances/{a}/observations", body, expect: 200);
        await As(Partner).Post($"/api/alliances/{a}/observations", ObservationBuilder.Body(retried.Id(), text: "Different"), expect: 409);
        await As(Steward).Post("/api/alliances", AllianceBuilder.FormBody(a, "logs alliance"), expect: 200);

        var written = Fixture.Logs.Lines.Skip(before).Where(l => l.StartsWith("Error") || l.StartsWith("Warning") || l.StartsWith("Critical")).ToList();
        Assert.True(written.Count == 0, string.Join("\n", written));
    }
}
