using Marten;
using Npgsql;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Mapping sessions recorded before contract v1.1 listed participants by name; v1.1 keeps only a
/// head count, because the people in the room are often vulnerable. At start-up this rewrites the
/// stored events that still hold names with the masking rule (names → their count), once per
/// stream, so the names are gone from the event store itself and not only from what the API shows.
/// Idempotent, and a no-op on a journal recorded with v1.1.
/// </summary>
public sealed class LegacySessionNames(IDocumentStore store, NpgsqlDataSource dataSource, ILogger<LegacySessionNames> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await MaskAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Mapping sessions recorded with names could not be masked yet ({Reason}); the next start tries again", e.Message);
        }
    }

    /// <summary>Masks every stored session event that still lists names; returns how many maps were rewritten.</summary>
    public async Task<int> MaskAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var streams = new List<(string Tenant, Guid Stream)>();
        // Every alliance's maps: this one query deliberately looks across tenants.
        await using (var command = dataSource.CreateCommand(
            $"select distinct tenant_id, stream_id from {schema}.mt_events where type = 'mapping_session_scheduled' and data ? 'participants' and jsonb_typeof(data -> 'participants') = 'array'"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) streams.Add((reader.GetString(0), reader.GetGuid(1)));

        foreach (var (tenant, stream) in streams)
        {
            await store.Advanced.ApplyEventDataMasking(x => x
                .IncludeStream(stream, e => e.Data is MappingSessionScheduled { Participants: not null })
                .ForTenant(tenant), ct);
            logger.LogInformation("Masked the participants' names of the mapping sessions recorded before v1.1 on map {MapId}", stream);
        }
        return streams.Count;
    }
}
