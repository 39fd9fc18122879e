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
        var rebuild = new ObservationRebuild(host.Services.GetRequiredService<IDocumentStore>(),
            host.Services.GetRequiredService<NpgsqlDataSource>(), host.Services.GetRequiredService<ILogger<ObservationRebuild>>());
        var result = await rebuild.RunAsync(CancellationToken.None,
            new Progress<long>(written => { if (written % 100_000 == 0) Console.WriteLine($"{written:N0} documents written"); }));
        Console.WriteLine($"Rebuilt {result.Documents:N0} observations from {result.Events:N0} events (up to event {result.LastSequence}) " +
                          $"in {result.Took.TotalSeconds:0.0} s: {result.Events / result.Took.TotalSeconds:N0} events/s");
        return true;
    }
}
