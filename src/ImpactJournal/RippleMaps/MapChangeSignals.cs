using System.Collections.Concurrent;
using Marten;
using Marten.Services;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Wakes live map listeners of this instance as soon as a change to their map commits. Listeners
/// also look at the journal every half second, so changes written by other instances arrive too.
/// </summary>
public sealed class MapChangeSignals
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<Guid, long> _commits = new();

    /// <summary>How many commits to this stream this instance has signalled: a read started after the count reached n includes commit n.</summary>
    public long Count(Guid streamId) => _commits.GetValueOrDefault(streamId);

    /// <summary>A task that completes at the next commit to this stream; take it before reading, so no change slips between.</summary>
    public Task NextChange(Guid streamId) =>
        _waiting.GetOrAdd(streamId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Changed(Guid streamId)
    {
        _commits.AddOrUpdate(streamId, 1, (_, count) => count + 1);
        if (_waiting.TryRemove(streamId, out var waiting)) waiting.TrySetResult();
    }

    /// <summary>Every watched stream may have changed (changes from elsewhere could have been missed).</summary>
    public void ChangedAll()
    {
        foreach (var streamId in _waiting.Keys.Concat(_commits.Keys).Distinct().ToList()) Changed(streamId);
    }
}

public sealed class SignalMapChanges(Func<MapChangeSignals> signals) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var stream in commit.GetStreams()) signals().Changed(stream.Id);
        return Task.CompletedTask;
    }
}
