using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImpactJournal.Infrastructure;

public static class Telemetry
{
    public const string ServiceName = "impactjournal";

    /// <summary>
    /// Traces, metrics and logs for HTTP, Wolverine, Marten and Npgsql. They are exported over OTLP
    /// only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so local runs and tests stay quiet.
    /// </summary>
    public static void AddJournalTelemetry(this WebApplicationBuilder builder)
    {
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        if (builder.Environment.IsDevelopment()) AddPlainConsole(builder.Logging);
        else AddJsonConsole(builder.Logging);

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource("Wolverine", "Marten", ServiceName)
                .AddAspNetCoreInstrumentation(options => options.RecordException = true)
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter("Marten", "Wolverine:*", "Wolverine*", ServiceName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithLogging(logging => { }, options =>
            {
                options.IncludeScopes = true;
                options.ParseStateValues = true;
            });

        if (exportOtlp) otel.UseOtlpExporter();
        builder.AddOutageAwareLogging();
    }

    /// <summary>For operators' log collectors: one JSON object per line.</summary>
    private static void AddJsonConsole(ILoggingBuilder logging) =>
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            // Without a format the JSON lines carry no time at all.
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

    /// <summary>
    /// For a person at a terminal (./ops/run): one plain line per entry. The service handles no Wolverine
    /// messages (its endpoints are HTTP), so Wolverine's start-up warning that it found no message handlers
    /// says nothing here; that category is quiet below errors.
    /// </summary>
    private static void AddPlainConsole(ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });
        logging.AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error);
    }
}

/// <summary>The service's own spans and instruments, beside those of ASP.NET Core, Wolverine, Marten and Npgsql.</summary>
public static class JournalInstruments
{
    public static readonly ActivitySource Source = new(Telemetry.ServiceName);
    public static readonly Meter Meter = new(Telemetry.ServiceName);

    public static readonly Counter<long> UseCases =
        Meter.CreateCounter<long>("impactjournal.use_cases", description: "Write use cases run, from the API or the web app, by use case and outcome");

    public static readonly Counter<long> ImportedRows =
        Meter.CreateCounter<long>("impactjournal.import.rows", description: "CSV rows processed by imports, by outcome");

    public static readonly Histogram<double> MapLockWait =
        Meter.CreateHistogram<double>("impactjournal.map.lock_wait", unit: "ms", description: "Time a write waited for its ripple map's lock");

    public static readonly Counter<long> TimeTravelEventsFolded =
        Meter.CreateCounter<long>("impactjournal.map.time_travel_events_folded", description: "Events read and folded to rebuild a map as it stood at a past moment");

    public static readonly UpDownCounter<long> LiveMapListeners =
        Meter.CreateUpDownCounter<long>("impactjournal.map.live_listeners", description: "Open server-sent event streams of live maps");
}
