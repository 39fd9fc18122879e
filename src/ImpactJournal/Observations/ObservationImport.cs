using System.Diagnostics;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Observations;

/// <summary>
/// One import in progress: validates rows as the JSON endpoint would, drops ids seen before (in the
/// file or in the journal), and writes each batch of new observations with Marten's COPY-based bulk
/// append. The observations' read model is projected by the async daemon, as for single writes.
/// </summary>
public sealed class ObservationImport(DocumentStore store, NpgsqlDataSource dataSource, Guid allianceId, Alliance alliance, Member member, TimeProvider clock,
    ILogger logger)
{
    private readonly List<(long Line, ObservationLogged Logged)> _pending = [];
    private readonly HashSet<Guid> _seen = [];
    private readonly List<RejectedRow> _rejected = [];
    private readonly string _tenant = allianceId.ToString();
    private long _imported, _duplicates, _repeatedInFile, _rejectedTotal;
    private long _lookupTicks, _writeTicks;
    private readonly List<Task> _writing = [];
    private readonly Lock _counting = new();

    /// <summary>Two COPY transactions keep both PostgreSQL's cores and ours busy.</summary>
    public const int ConcurrentWrites = 2;

    /// <summary>Time spent looking up and writing batches, summed over the concurrent writers.</summary>
    public TimeSpan LookupTime => Stopwatch.GetElapsedTime(0, _lookupTicks);
    public TimeSpan WriteTime => Stopwatch.GetElapsedTime(0, _writeTicks);

    public int Pending => _pending.Count;

    /// <summary>Complete only after <see cref="CompleteAsync"/>.</summary>
    public ImportResult Result => new(_imported, _duplicates + _repeatedInFile, _rejected, _rejectedTotal);

    public void Add(long line, (LogObservation? Command, Dictionary<string, string[]> Errors) row)
    {
        var (command, errors) = row;
        if (command is not null && LogObservationUseCase.Validate(command, clock) is { Count: > 0 } invalid)
            errors = new Dictionary<string, string[]>(invalid);
        if (command is not null && errors.Count == 0)
        {
            var partner = PartnerOnBehalfOf.Resolve(alliance, member, command.PartnerId);
            if (partner.Refusal is not null)
                errors["partnerId"] = [member.Role == AllianceRole.Partner
                    ? "Partners import only for their own organisation."
                    : "Not a partner of this alliance, and you are not tied to one."];
            else
            {
                var (withPartners, unknown) = JointPartners.Resolve(alliance, command.WithPartners, partner.PartnerId);
                if (unknown is not null) errors["withPartners"] = [unknown];
                else
                {
                    var logged = LogObservationUseCase.Decide(command, partner.PartnerId, withPartners);
                    if (_seen.Add(logged.ObservationId)) _pending.Add((line, logged));
                    else _repeatedInFile++;
                    return;
                }
            }
        }

        Reject(line, errors);
    }

    private void Reject(long line, Dictionary<string, string[]> errors)
    {
        lock (_counting)
        {
            _rejectedTotal++;
            if (_rejected.Count < ImportObservationsUseCase.MaxReportedRejections) _rejected.Add(new RejectedRow(line, errors));
        }
    }

    /// <summary>
    /// Hands the pending batch to a writer and returns to parsing: the next batch is read while
    /// earlier ones are written, at most <see cref="ConcurrentWrites"/> at a time.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        if (_writing.Count >= ConcurrentWrites) _writing.Remove(await Task.WhenAny(_writing));
        var batch = _pending.ToList();
        _pending.Clear();
        _writing.Add(WriteBatchAsync(batch, ct));
    }

    /// <summary>Writes what is left and waits until every batch is committed or reported as rejected.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await Task.WhenAll(_writing);
    }

    /// <summary>
    /// Writes one batch; never throws. A batch the journal could not save is reported row by row as
    /// rejected (with its line), so that imported + duplicates + rejected always equals the rows sent,
    /// and importing the file again saves them (rows saved before count as duplicates).
    /// </summary>
    private async Task WriteBatchAsync(List<(long Line, ObservationLogged Logged)> rows, CancellationToken ct)
    {
        var batch = rows.Select(r => r.Logged).ToList();
        try
        {
            try
            {
                await AppendNewAsync(batch, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // A concurrent write took one of these ids after we looked: look again and retry once.
                await AppendNewAsync(batch, ct);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning("An import batch of {Count} rows could not be saved: {Reason}", rows.Count, e.GetType().Name);
            JournalInstruments.ImportedRows.Add(rows.Count, new KeyValuePair<string, object?>("outcome", "failed"));
            foreach (var (line, _) in rows)
                Reject(line, new Dictionary<string, string[]>
                {
                    ["row"] = ["The journal could not save this row just now; import the file again (rows already saved will count as duplicates)."]
                });
        }
    }

    private async Task AppendNewAsync(List<ObservationLogged> batch, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var existing = await ExistingIdsAsync(batch.Select(p => p.ObservationId).ToArray(), ct);
        Interlocked.Add(ref _lookupTicks, Stopwatch.GetTimestamp() - started);
        var fresh = batch.Where(p => !existing.Contains(p.ObservationId)).ToList();
        var correlation = Activity.Current?.TraceId.ToString();

        var streams = fresh.Select(logged =>
        {
            var action = StreamAction.Start(store.Events, logged.ObservationId, [logged]);
            action.AggregateType = typeof(Observation);
            foreach (var e in action.Events)
            {
                e.UserName = member.Subject;
                e.CorrelationId = correlation;
            }
            return action;
        }).ToList();

        started = Stopwatch.GetTimestamp();
        if (streams.Count > 0) await store.BulkInsertEventsAsync(_tenant, streams, ImportObservationsUseCase.BatchSize, ct);
        Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - started);
        lock (_counting)
        {
            _imported += streams.Count;
            _duplicates += batch.Count - streams.Count;
        }
        JournalInstruments.ImportedRows.Add(streams.Count, new KeyValuePair<string, object?>("outcome", "imported"));
    }

    private async Task<HashSet<Guid>> ExistingIdsAsync(Guid[] ids, CancellationToken ct)
    {
        // Straight to the streams table's primary key: one indexed lookup for the whole batch.
        await using var command = dataSource.CreateCommand(
            $"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where tenant_id = $1 and id = any($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = _tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new HashSet<Guid>();
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }
}
