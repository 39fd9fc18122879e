using ImpactJournal.Infrastructure;
using JasperFx.CommandLine;
using Marten;
using Npgsql;

namespace ImpactJournal.Observations;

[Description("Rebuild the observations' read model (documents, tally, weekly and pair counts) from the journal with COPY; run it while no instance projects", Name = "rebuild-observations")]
public sealed class RebuildObservationsCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        return await RunAsync(host.Services, Console.Out, CancellationToken.None);
    }

    /// <summary>
    /// Rebuilds holding the observation projection's lock, so that no instance starts projecting observations
    /// meanwhile; refuses, changing nothing, while an instance projects them.
    /// </summary>
    public static async Task<bool> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var rebuild = new ObservationRebuild(store, dataSource, services.GetRequiredService<ILogger<ObservationRebuild>>());
        await using var daemonLock = await ProjectionDaemonLock.TryTakeAsync(store, dataSource, rebuild.Shard, ct);
        if (daemonLock is null)
        {
            output.WriteLine("An instance is running the projections, so nothing was rebuilt. Stop every instance, or run them with " +
                             "Projections__Daemon=Disabled, then run rebuild-observations again.");
            return false;
        }

        var result = await rebuild.RunAsync(ct,
            new Progress<long>(written => { if (written % 100_000 == 0) output.WriteLine($"{written:N0} documents written"); }));
        output.WriteLine($"Rebuilt {result.Documents:N0} observations from {result.Events:N0} events (up to event {result.LastSequence}) " +
                         $"in {result.Took.TotalSeconds:0.0} s: {result.Events / result.Took.TotalSeconds:N0} events/s");
        return true;
    }
}
