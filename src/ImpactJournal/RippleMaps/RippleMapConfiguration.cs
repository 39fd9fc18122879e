using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.RippleMaps;

public static class RippleMapConfiguration
{
    public const int Focus = 300;
    public const int Description = 4000;
    public const int Label = 300;
    public const int Title = 200;
    public const int MaxParticipants = 1000;
    public const int Role = 100;
    public const int MaxRoles = 50;
    public const int MaxPartners = 200;
    public const int Reflections = 20_000;
    public const int Note = 4000;
    public const int MaxCauses = 50;

    public static void AddRippleMaps(this StoreOptions opts)
    {
        opts.Projections.Snapshot<RippleMapHeader>(SnapshotLifecycle.Inline);
        opts.Schema.For<RippleMapHeader>().Index(m => m.StartedAt);
        opts.Events.AddMaskingRuleForProtectedInformation<MappingSessionScheduled>(e => e.WithoutNames());
    }

    public static void AddRippleMapServices(this IServiceCollection services)
    {
        services.AddSingleton<RippleMapStates>();
        services.AddSingleton<MapChangeSignals>();
        services.AddSingleton<MapFeeds>();
        services.AddSingleton<Web.BoardPatches>();
        services.AddSingleton<LiveStreamQuota>();
        services.AddHostedService<LegacySessionNames>();
    }
}
