using System.Globalization;
using ImpactJournal.Alliances;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Web;

/// <summary>One line of the board's activity list: who added or changed what, and when.</summary>
public sealed record BoardActivity(DateTimeOffset At, string Who, string What);

/// <summary>A point on the time slider: the map as it stood when a session ended, or now.</summary>
public sealed record BoardMoment(DateTimeOffset At, string Name);

/// <summary>What the board, its live fragment and the projector show of a map: read from the map's state, never stored.</summary>
public static class BoardState
{
    /// <summary>The sessions in the order they were held.</summary>
    public static IReadOnlyList<MappingSession> Sessions(RippleMap map) =>
        [.. map.Sessions.Values.OrderBy(s => s.HeldOn).ThenBy(s => s.ScheduledAt).ThenBy(s => s.Id)];

    /// <summary>The session being run: the one asked for when it is open, else the latest open one.</summary>
    public static MappingSession? Running(RippleMap map, Guid? asked) =>
        asked is { } id && map.Sessions.TryGetValue(id, out var chosen) && !chosen.Closed ? chosen
        : Sessions(map).LastOrDefault(s => !s.Closed);

    /// <summary>When the most recent closed session ended: the start of "since the last session".</summary>
    public static DateTimeOffset? LastSessionEnded(RippleMap map) =>
        map.Sessions.Values.Where(s => s.Closed).Select(s => s.ClosedAt!.Value).DefaultIfEmpty().Max() is var at && at != default ? at : null;

    /// <summary>The slider's stops: the map's start, the end of each session (its closing, or its last change while open), now.</summary>
    public static IReadOnlyList<BoardMoment> Moments(RippleMap map)
    {
        var moments = new List<BoardMoment> { new(map.StartedAt, "when it was started") };
        foreach (var session in Sessions(map))
        {
            var ended = session.ClosedAt ?? map.Nodes.Values.Where(n => n.SessionId == session.Id).Select(n => n.AddedAt)
                .Concat(map.Links.Values.Where(l => l.SessionId == session.Id).Select(l => l.AssertedAt))
                .DefaultIfEmpty(session.ScheduledAt).Max();
            moments.Add(new BoardMoment(ended, $"after “{session.Title}” ({session.HeldOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})"));
        }
        moments.Add(new BoardMoment(map.LastChangedAt, "now"));
        return [.. moments.OrderBy(m => m.At)];
    }

    /// <summary>A member's name as the board shows it; people who have left the alliance are not named.</summary>
    public static string MemberName(Alliance alliance, string? subject) =>
        subject is null ? "Someone" : alliance.MemberBySubject(subject)?.DisplayName ?? "A former member";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RippleMap, Tuple<Alliance, int, IReadOnlyList<BoardActivity>>> Listed = new();

    /// <summary>Who added or changed what on the map, newest first; listed once per map state for every board that shows it.</summary>
    public static IReadOnlyList<BoardActivity> Activity(RippleMap map, Alliance alliance, int count)
    {
        if (Listed.TryGetValue(map, out var listed) && ReferenceEquals(listed.Item1, alliance) && listed.Item2 == count) return listed.Item3;
        var lines = ListActivity(map, alliance, count);
        Listed.AddOrUpdate(map, Tuple.Create(alliance, count, lines));
        return lines;
    }

    private static IReadOnlyList<BoardActivity> ListActivity(RippleMap map, Alliance alliance, int count)
    {
        string Who(string? subject) => MemberName(alliance, subject);
        string Name(Guid id) => id == map.Id ? "the focus" : map.Nodes.TryGetValue(id, out var n) ? $"“{n.Label}”" : "a ripple";
        // Only the newest lines are worded: a map of thousands of ripples is looked through, not written out, per version.
        var lines = new Newest(count);
        foreach (var node in map.Nodes.Values)
        {
            if (lines.Takes(node.AddedAt)) lines.Add(node.AddedAt, () => new(node.AddedAt, Who(node.AddedBy), $"added {Name(node.Id)}"));
            foreach (var c in node.Codings.Skip(1))
                if (lines.Takes(c.At)) lines.Add(c.At, () => new(c.At, Who(c.By), $"re-coded {Name(node.Id)}"));
        }
        foreach (var link in map.Links.Values)
        {
            if (lines.Takes(link.AssertedAt))
                lines.Add(link.AssertedAt, () => new(link.AssertedAt, Who(link.AssertedBy), $"linked {Name(link.From)} to {Name(link.To)} ({Words.Of(link.Relation)})"));
            foreach (var c in link.History)
                if (lines.Takes(c.At)) lines.Add(c.At, () => new(c.At, Who(c.By), $"{Words.Did(c.Status)} the link {Name(link.From)} → {Name(link.To)}"));
        }
        foreach (var session in map.Sessions.Values)
        {
            if (lines.Takes(session.ScheduledAt)) lines.Add(session.ScheduledAt, () => new(session.ScheduledAt, Who(session.ScheduledBy), $"opened the session “{session.Title}”"));
            if (session.ClosedAt is { } closed && lines.Takes(closed)) lines.Add(closed, () => new(closed, Who(session.ClosedBy), $"closed the session “{session.Title}”"));
        }
        return lines.NewestFirst();
    }

    /// <summary>The newest of the lines offered, at most <c>count</c>; of lines at the same moment, those offered first.</summary>
    private sealed class Newest(int count)
    {
        private readonly PriorityQueue<(Func<BoardActivity> Line, DateTimeOffset At, long Offered), (DateTimeOffset At, long Offered)> _kept =
            new(Comparer<(DateTimeOffset At, long Offered)>.Create((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : b.Offered.CompareTo(a.Offered)));
        private long _offered;

        public bool Takes(DateTimeOffset at) => _kept.Count < count || (_kept.TryPeek(out _, out var oldest) && at > oldest.At);

        public void Add(DateTimeOffset at, Func<BoardActivity> line)
        {
            var offered = _offered++;
            if (_kept.Count < count) _kept.Enqueue((line, at, offered), (at, offered));
            else _kept.EnqueueDequeue((line, at, offered), (at, offered));
        }

        public IReadOnlyList<BoardActivity> NewestFirst() =>
            [.. _kept.UnorderedItems.Select(k => k.Element).OrderByDescending(k => k.At).ThenBy(k => k.Offered).Select(k => k.Line())];
    }

    /// <summary>The ripples and links changed between two states (added, re-coded, disputed, substantiated or withdrawn).</summary>
    public static IReadOnlySet<Guid> ChangedIds(MapDiff diff) =>
        diff.AddedNodes.Select(n => n.Id).Concat(diff.RecodedNodes.Select(n => n.Id))
            .Concat(diff.AddedLinks.Select(l => l.Id)).Concat(diff.ChangedLinks.Select(l => l.Id)).ToHashSet();
}
