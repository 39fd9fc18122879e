using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using Marten.Exceptions;

namespace ImpactJournal.Infrastructure;

public enum StartOutcome
{
    Started,
    IdAlreadyUsed
}

/// <summary>
/// Group commit for new streams: creates arriving together (from any alliance) are written in one
/// transaction, so a burst of phones logging observations costs one commit instead of one each.
/// A caller's task completes only after its stream is committed. Should the shared transaction fail
/// (typically a retried id), each create of that group is written on its own, so every caller gets
/// its own answer.
/// </summary>
public sealed class StreamStarter(IDocumentStore store, ILogger<StreamStarter> logger) : BackgroundService
{
    public const int MaxGroup = 256;

    private readonly Channel<PendingStart> _pending = Channel.CreateUnbounded<PendingStart>(new UnboundedChannelOptions { SingleReader = true });

    public Task<StartOutcome> StartAsync<TAggregate>(Guid allianceId, Guid streamId, object firstEvent, string? actingSubject)
        where TAggregate : class
    {
        var pending = new PendingStart(allianceId.ToString(), streamId, typeof(TAggregate), firstEvent, actingSubject,
            Activity.Current?.TraceId.ToString(), new TaskCompletionSource<StartOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending)) pending.Done.SetException(new InvalidOperationException("The service is stopping."));
        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingStart>(MaxGroup);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            while (group.Count < MaxGroup && _pending.Reader.TryRead(out var next)) group.Add(next);
            await WriteGroupAsync(group);
            group.Clear();
        }
    }

    private async Task WriteGroupAsync(List<PendingStart> group)
    {
        try
        {
            await WriteAsync(group);
            foreach (var start in group) start.Done.TrySetResult(StartOutcome.Started);
        }
        catch (Exception e) when (group.Count > 1)
        {
            logger.LogDebug(e, "A group of {Count} new streams failed together; writing them one by one", group.Count);
            foreach (var start in group) await WriteAloneAsync(start);
        }
        catch (Exception e)
        {
            Answer(group[0], e);
        }
    }

    private async Task WriteAloneAsync(PendingStart start)
    {
        try
        {
            await WriteAsync([start]);
            start.Done.TrySetResult(StartOutcome.Started);
        }
        catch (Exception e)
        {
            Answer(start, e);
        }
    }

    private static void Answer(PendingStart start, Exception e)
    {
        if (e is ExistingStreamIdCollisionException) start.Done.TrySetResult(StartOutcome.IdAlreadyUsed);
        else start.Done.TrySetException(e);
    }

    private async Task WriteAsync(IReadOnlyList<PendingStart> group)
    {
        await using var session = store.LightweightSession();
        foreach (var start in group)
        {
            var stream = session.ForTenant(start.Tenant).Events.StartStream(start.AggregateType, start.StreamId, start.FirstEvent);
            foreach (var e in stream.Events)
            {
                e.UserName = start.ActingSubject;
                e.CorrelationId = start.CorrelationId;
            }
        }
        await session.SaveChangesAsync(CancellationToken.None);
    }

    private sealed record PendingStart(string Tenant, Guid StreamId, Type AggregateType, object FirstEvent, string? ActingSubject,
        string? CorrelationId, TaskCompletionSource<StartOutcome> Done);
}
