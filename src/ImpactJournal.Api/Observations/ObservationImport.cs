using System.Diagnostics;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
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
public sealed class ObservationImport(DocumentStore store, Guid allianceId, Alliance alliance, Member member, TimeProvider clock)
{
    private readonly List<ObservationLogged> _pending = [];
    private readonly HashSet<Guid> _seen = [];
    private readonly List<RejectedRow> _rejected = [];
    private readonly string _tenant = allianceId.ToString();
    private long _imported, _duplicates, _rejectedTotal;

    public int Pending => _pending.Count;

    public ImportResult Result => new(_imported, _duplicates, _rejected, _rejectedTotal);

    public void Add(long line, (LogObservation? Command, Dictionary<string, string[]> Errors) row)
    {
        var (command, errors) = row;
        if (command is not null && LogObservationEndpoint.Validate(command, clock) is HttpValidationProblemDetails invalid)
            errors = new Dictionary<string, string[]>(invalid.Errors);
        if (command is not null && errors.Count == 0)
        {
            var partner = PartnerOnBehalfOf.Resolve(alliance, member, command.PartnerId);
            if (partner.Problem is null)
            {
                var logged = LogObservationEndpoint.Decide(command, partner.PartnerId);
                if (_seen.Add(logged.ObservationId)) _pending.Add(logged);
                else _duplicates++;
                return;
            }
            errors["partnerId"] = [member.Role == AllianceRole.Partner
                ? "Partners import only for their own organisation."
                : "Not a partner of this alliance, and you are not tied to one."];
        }

        _rejectedTotal++;
        if (_rejected.Count < ImportObservationsEndpoint.MaxReportedRejections) _rejected.Add(new RejectedRow(line, errors));
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        try
        {
            await AppendNewAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A concurrent write took one of these ids after we looked: look again and retry once.
            await AppendNewAsync(ct);
        }
        _pending.Clear();
    }

    private async Task AppendNewAsync(CancellationToken ct)
    {
        var existing = await ExistingIdsAsync(_pending.Select(p => p.ObservationId).ToArray(), ct);
        var fresh = _pending.Where(p => !existing.Contains(p.ObservationId)).ToList();
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

        if (streams.Count > 0) await store.BulkInsertEventsAsync(_tenant, streams, ImportObservationsEndpoint.BatchSize, ct);
        _imported += streams.Count;
        _duplicates += _pending.Count - streams.Count;
        JournalInstruments.ImportedRows.Add(streams.Count, new KeyValuePair<string, object?>("outcome", "imported"));
    }

    private async Task<HashSet<Guid>> ExistingIdsAsync(Guid[] ids, CancellationToken ct)
    {
        await using var session = store.QuerySession(_tenant);
        var found = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids) && e.Version == 1)
            .Select(e => e.StreamId)
            .ToListAsync(ct);
        return [.. found];
    }
}
