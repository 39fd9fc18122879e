using System.Diagnostics;
using System.Threading.Channels;
using ImpactJournal.Infrastructure;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace ImpactJournal.Observations;

/// <summary>
/// Rebuilds the observations' read model from the whole journal beside the one that serves: the documents are
/// written with <c>COPY</c> into a new table (<see cref="StagedTable"/>) and the tally's rows beside them (see
/// <see cref="ObservationTallyRows"/>); the indexes of both, and the tables counted from the tally, are built over
/// the filled tables, two at a time; then one short transaction puts them all in place. Marten's own rebuild upserts
/// one document at a time (and each upsert fired the tally's triggers): about 3,400 events/s at a region's size.
/// Each stream is folded by the projection Marten registered, so the documents are the ones its daemon would write;
/// the daemon then carries on from the last event read. Readers see the old read model until that transaction
/// commits (and wait for it while it runs); a failure or cancellation leaves it untouched. No instance may project
/// observations meanwhile.
/// </summary>
public sealed class ObservationRebuild(IDocumentStore store, NpgsqlDataSource dataSource, ILogger<ObservationRebuild> logger)
{
    public sealed record Result(long Events, long Documents, long LastSequence, TimeSpan Took);

    // Index builds and counts at once: PostgreSQL has nothing else of the rebuild's to do by then.
    private const int Builders = 2;

    private StoreOptions Options => (StoreOptions)store.Options;

    /// <summary>The daemon's name for the observations' projection (with its version), whose progress the rebuild sets.</summary>
    public string Shard => Options.Projections.TryFindAggregate(typeof(Observation), out var projection)
        ? new ShardName(((ProjectionBase)projection).Name, ShardName.All, ((ProjectionBase)projection).Version).Identity
        : throw new InvalidOperationException("The observations' projection is not registered.");

    public async Task<Result> RunAsync(CancellationToken ct, IProgress<long>? documentsWritten = null)
    {
        using var activity = JournalInstruments.Source.StartActivity("rebuild observations");
        var watch = Stopwatch.StartNew();
        if (!Options.Projections.TryFindAggregate(typeof(Observation), out var projection))
            throw new InvalidOperationException("The observations' projection is not registered.");
        var aggregator = (IAggregator<Observation, IQuerySession>)projection;
        var shard = Shard;
        var table = ObservationTally.DocumentTable(Options);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var lastSequence = await ScalarAsync<long>(connection, $"select coalesce(max(seq_id), 0) from {Options.Events.DatabaseSchemaName}.mt_events", ct);
        var tally = new ObservationTally(table);
        var staged = await StagedTable.CreateAsync(connection, table.Schema, table.Name, ct);
        long events = 0, written = 0;
        try
        {
            var serializer = Options.Serializer();
            await using var tallyRows = await ObservationTallyRows.StartAsync(dataSource, tally.StagedIn(staged.Schema), serializer, ct);
            await using (var copy = await connection.BeginBinaryImportAsync(
                             $"copy {staged.QualifiedName} (tenant_id, id, data, mt_dotnet_type, mt_version, observed_at_utc, logged_at_utc) from stdin (format binary)", ct))
            {
                await using var session = store.QuerySession();
                await foreach (var stream in ReadAheadAsync(StreamsAsync(projection.AllEventTypes, lastSequence, ct), 64, ct))
                {
                    events += stream.Count;
                    if (await aggregator.BuildAsync(stream, session, null, ct) is not { } observation) continue;
                    var tenant = stream[0].TenantId;
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(observation.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(serializer.ToJson(observation), NpgsqlDbType.Jsonb, ct);
                    await copy.WriteAsync(typeof(Observation).FullName!, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(stream[^1].Version, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(observation.ObservedAtUtc, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(observation.LoggedAtUtc, NpgsqlDbType.TimestampTz, ct);
                    await tallyRows.WriteAsync(tenant, observation, ct);
                    if (++written % 1_000 == 0) documentsWritten?.Report(written);
                }
                await copy.CompleteAsync(ct);
            }
            await tallyRows.CompleteAsync(ct);
            logger.LogInformation("Copied {Documents} observation documents from {Events} events in {Seconds:0.0} s; building their indexes",
                written, events, watch.Elapsed.TotalSeconds);
            // The tally's counts and indexes, then the documents' (two at a time).
            await StagedTable.RunConcurrentlyAsync(dataSource, Builders, [.. tally.StagedBuilds(staged.Schema), .. staged.IndexBuilds], ct);
            await ExecuteAsync(connection, staged.Completion, ct);
            logger.LogInformation("Indexes built at {Seconds:0.0} s; replacing the read model", watch.Elapsed.TotalSeconds);

            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, $"""
                {staged.ReplaceStatements()}
                {tally.ReplaceStatementsFrom(staged.Schema)}
                insert into {Options.Events.DatabaseSchemaName}.mt_event_progression (name, last_seq_id, last_updated)
                values ('{shard}', {lastSequence}, transaction_timestamp())
                on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated;
                """, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            try
            {
                await staged.DropAsync(dataSource);
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Could not drop {Staged}'s schema; nothing reads it and the next rebuild replaces it", staged.QualifiedName);
            }
        }

        var result = new Result(events, written, lastSequence, watch.Elapsed);
        activity?.SetTag("events", events).SetTag("documents", written);
        logger.LogInformation("Rebuilt {Documents} observations from {Events} events up to {LastSequence} in {Seconds:0.0} s",
            written, events, lastSequence, watch.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>
    /// The events of every observation stream up to a sequence (as Marten's event queries read them: not archived),
    /// one stream at a time in order, so only one stream is ever held. Read with Npgsql and decoded by the store's
    /// serializer: Marten's own event query decodes each event asynchronously from a stream, which took twice the CPU.
    /// </summary>
    private async IAsyncEnumerable<List<IEvent>> StreamsAsync(Type[] eventTypes, long lastSequence,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var events = (EventGraph)Options.Events;
        var typeNamed = eventTypes.ToDictionary(t => events.EventMappingFor(t).EventTypeName);
        var serializer = Options.Serializer();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            select type, data, tenant_id, stream_id, version, seq_id, id, timestamp, user_name, correlation_id, causation_id
            from {Options.Events.DatabaseSchemaName}.mt_events
            where type = any($1) and seq_id <= $2 and is_archived = false
            order by tenant_id, stream_id, version
            """, connection) { CommandTimeout = 0, Parameters = { new() { Value = typeNamed.Keys.ToArray() }, new() { Value = lastSequence } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stream = new List<IEvent>();
        while (await reader.ReadAsync(ct))
        {
            var e = events.BuildEvent(serializer.FromJson(typeNamed[reader.GetString(0)], reader, 1));
            e.TenantId = reader.GetString(2);
            e.StreamId = reader.GetGuid(3);
            e.Version = reader.GetInt64(4);
            e.Sequence = reader.GetInt64(5);
            e.Id = reader.GetGuid(6);
            e.Timestamp = reader.GetFieldValue<DateTimeOffset>(7);
            e.UserName = NullableString(8);
            e.CorrelationId = NullableString(9);
            e.CausationId = NullableString(10);
            if (stream.Count > 0 && (stream[0].StreamId != e.StreamId || stream[0].TenantId != e.TenantId))
            {
                yield return stream;
                stream = [];
            }
            stream.Add(e);
        }
        if (stream.Count > 0) yield return stream;

        string? NullableString(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
    }

    /// <summary>
    /// Runs a sequence on a task of its own, up to <paramref name="capacity"/> items ahead of the caller: reading and
    /// decoding the events then overlaps folding and writing them.
    /// </summary>
    private static async IAsyncEnumerable<T> ReadAheadAsync<T>(IAsyncEnumerable<T> source, int capacity,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var items = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token)) await items.Writer.WriteAsync(item, stop.Token);
                items.Writer.Complete();
            }
            catch (Exception e)
            {
                items.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var item in items.Reader.ReadAllAsync(ct)) yield return item;
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
