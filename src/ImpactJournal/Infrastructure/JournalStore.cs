using ImpactJournal.Codebook;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Commons;
using ImpactJournal.Indicators;
using ImpactJournal.Invitations;
using ImpactJournal.LearningReviews;
using ImpactJournal.Network;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using ImpactJournal.Templates;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using JasperFx.OpenTelemetry;
using Marten;
using Npgsql;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Infrastructure;

public static class JournalStore
{
    public const string DefaultSchemaName = "impactjournal";

    /// <summary>The PostgreSQL schema of the journal; tests give each run its own.</summary>
    public static string SchemaName(IConfiguration configuration) =>
        configuration["Marten:Schema"] is { Length: > 0 } schema ? schema : DefaultSchemaName;

    /// <summary>How often a projection an outage or a conflict interrupted is started again (Projections:RecoveryPollingMilliseconds).</summary>
    public static TimeSpan RecoveryPolling(IConfiguration configuration) =>
        TimeSpan.FromMilliseconds(configuration.GetValue("Projections:RecoveryPollingMilliseconds", 1000));

    public static void AddJournalStore(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Marten")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Marten is not configured. Set ConnectionStrings__Marten or use ./ops/run.");

        // Marten sessions set everything they rely on, so skipping the DISCARD ALL that resets a
        // pooled connection saves a statement per session. Marten sends the same few statements over
        // and over (append, project, load); Npgsql's automatic preparation saves PostgreSQL parsing and
        // planning each of them every time, which was most of the database's work per observation.
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 100, AutoPrepareMinUsages = 3 };
        // A schema change may fill new columns and tables from a large journal: db-apply takes as long as that takes.
        if (Environment.GetCommandLineArgs().Skip(1).FirstOrDefault() is "db-apply") npgsql.CommandTimeout = 0;
        builder.Services.AddSingleton(new NpgsqlDataSourceBuilder(npgsql.ConnectionString).EnableDynamicJson().Build());

        builder.Services.AddRippleMapServices();
        var daemonMode = builder.Configuration.GetValue("Projections:Daemon", DaemonMode.HotCold);
        builder.Services.AddMarten(services =>
            {
                var opts = new StoreOptions();
                opts.DatabaseSchemaName = SchemaName(builder.Configuration);
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                // The alliance is the tenant: every stream and document belongs to exactly one.
                opts.Events.TenancyStyle = TenancyStyle.Conjoined;
                opts.Policies.AllDocumentsAreMultiTenanted();

                opts.Events.MetadataConfig.UserNameEnabled = true;
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
                opts.Events.AppendMode = EventAppendMode.Quick;

                // The daemon looks for new events less often and takes them in bigger pages than Marten's
                // defaults: under a stream of writes, fewer and larger projection batches cost far less per event.
                opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("Projections:FastPollingMilliseconds", 1000));
                var projectionBatch = builder.Configuration.GetValue("Projections:BatchSize", 5000);
                // A projection whose work an outage interrupted is paused, and is started again only by the daemon's
                // coordinator, which looks at most this often (and also retakes the projections' locks a restarted
                // database dropped). Marten's 5 s for each left a paused projection idle 5 to 10 s after the database
                // came back; a look is one lock query per projection.
                var recovery = RecoveryPolling(builder.Configuration);
                opts.Projections.LeadershipPollingTime = (int)recovery.TotalMilliseconds;
                opts.Projections.HealthCheckPollingTime = recovery;
                // Every restart of PostgreSQL leaves a gap in the event sequence (appends it aborted, and the sequence's
                // own look-ahead), and the daemon projects nothing past a gap until it has been stuck this long. Marten
                // also checks that no open transaction could still fill the gap before it skips one, so a short wait is
                // safe; its 3 s default held every projection back 4 to 5 s after each restart.
                opts.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("Projections:SkipGapAfterMilliseconds", 1000));

                opts.Logger(new JournalMartenLogger(services.GetRequiredService<ILogger<IDocumentStore>>()));
                opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                opts.OpenTelemetry.TrackEventCounters();

                opts.AutoCreateSchemaObjects = builder.Environment.IsProduction()
                    ? AutoCreate.None
                    : AutoCreate.CreateOrUpdate;

                opts.AddAlliances();
                opts.AddObservations(projectionBatch);
                opts.AddStories(projectionBatch);
                opts.AddIndicators();
                opts.AddLearningReviews();
                opts.AddCodebook();
                opts.AddCheckIns();
                opts.AddInvitations();
                opts.AddTemplates();
                opts.AddCollaborationNetwork(projectionBatch);
                opts.AddCommons();
                opts.Listeners.Add(new SignalMapChanges(services.GetRequiredService<MapChangeSignals>));
                opts.Listeners.Add(new CommitNotices(services.GetRequiredService<NpgsqlDataSource>(), builder.Configuration,
                    services.GetRequiredService<ILogger<CommitNotices>>()));
                opts.AddRippleMaps();
                opts.AddDataProtectionTable();
                opts.Schema.For<Journal.PendingErasure>();
                return opts;
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            // Projections:Daemon=Disabled lets web-only instances leave projection work to others.
            .AddAsyncDaemon(daemonMode)
            .IntegrateWithWolverine();
        if (daemonMode != DaemonMode.Disabled) builder.Services.AddHostedService<StoppedProjectionRestarter>();
    }

    public static void AddJournalWriters(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StreamStarter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StreamStarter>());
        builder.Services.AddSingleton<Journal.ConsentErasureSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Journal.ConsentErasureSweeper>());
        builder.Services.AddHostedService<CommitNoticeListener>();
    }

    public static void AddJournalWolverine(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(Program).Assembly;
            opts.ServiceName = "impactjournal";
            opts.Policies.AutoApplyTransactions();
            opts.CodeGeneration.TypeLoadMode = builder.Environment.IsProduction()
                ? TypeLoadMode.Static
                : TypeLoadMode.Dynamic;
        });
        builder.Services.AddWolverineHttp();
    }
}
