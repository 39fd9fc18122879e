using System.Collections.Concurrent;
using ImpactJournal.Infrastructure.UseCases;
using Marten;

namespace ImpactJournal.RippleMaps;

/// <summary>
/// Group commit for the writes to each map (<see cref="RippleMapWriter"/>): a write joins its map's queue, and while a
/// group is being written the writes arriving meanwhile wait to be the next group. A caller's task completes only when
/// its write is committed. Should a group's commit fail, each of its writes is written again on its own, so every
/// caller gets its own answer.
/// </summary>
public sealed class MapWriteGroups
{
    public const int MaxGroup = 64;

    private readonly ConcurrentDictionary<(string Tenant, Guid Map), Queue> _queues = new();

    public Task<Outcome> WriteAsync(IDocumentStore store, RippleMapStates states, MapWrite write)
    {
        var queue = _queues.GetOrAdd((write.Tenant, write.MapId), _ => new Queue());
        bool start;
        lock (queue)
        {
            queue.Waiting.Add(write);
            start = !queue.Writing;
            queue.Writing = true;
        }
        if (start) _ = Task.Run(() => DrainAsync(store, states, queue));
        return write.Done.Task;
    }

    /// <summary>How many writes to the map wait for its next group (not counting the group being written).</summary>
    public int Queued(string tenant, Guid mapId)
    {
        if (!_queues.TryGetValue((tenant, mapId), out var queue)) return 0;
        lock (queue) return queue.Waiting.Count;
    }

    private static async Task DrainAsync(IDocumentStore store, RippleMapStates states, Queue queue)
    {
        while (true)
        {
            List<MapWrite> group;
            lock (queue)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Writing = false;
                    return;
                }
                group = queue.Waiting.Take(MaxGroup).ToList();
                queue.Waiting.RemoveRange(0, group.Count);
            }
            await WriteGroupAsync(store, states, group);
        }
    }

    private static async Task WriteGroupAsync(IDocumentStore store, RippleMapStates states, List<MapWrite> group)
    {
        try
        {
            Answer(await RippleMapWriter.WriteGroupAsync(store, states, group));
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var write in group) await WriteGroupAsync(store, states, [write]);
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
        }
    }

    private static void Answer(IReadOnlyList<(MapWrite Write, Outcome? Outcome, Exception? Failed)> answers)
    {
        foreach (var (write, outcome, failed) in answers)
            if (failed is not null) write.Done.TrySetException(failed);
            else write.Done.TrySetResult(outcome!);
    }

    private sealed class Queue
    {
        public readonly List<MapWrite> Waiting = [];
        public bool Writing;
    }
}
