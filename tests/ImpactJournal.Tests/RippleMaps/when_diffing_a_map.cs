using CsCheck;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>The diff compares the map folded at two moments; checked against reading the events of the window directly.</summary>
public sealed class when_diffing_a_map
{
    private static readonly Guid MapId = Guid.Parse("00000000-0000-0000-0000-0000000000aa");
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Guid Ripple(int i) => new(i + 1, 0, 0, new byte[8]);

    private static Guid LinkId(int i) => new(i + 1, 1, 0, new byte[8]);

    /// <summary>A random history: each step (kind, a, b) is applied only when it makes sense at that point.</summary>
    private static readonly Gen<List<IEvent>> Histories =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 6], Gen.Int[0, 6]).Array[0, 40].Select(Build);

    private static List<IEvent> Build((int Kind, int A, int B)[] steps)
    {
        var events = new List<IEvent> { Stamp(new RippleMapStarted(MapId, "Focus", null), 1) };
        int ripples = 0, links = 0;
        foreach (var (kind, a, b) in steps)
        {
            object? data = kind switch
            {
                0 => new RippleAdded(Ripple(ripples++), $"R{ripples}", null, [(CommunityCapital)(a % 7)], Valence.Generative, true, [], null),
                1 when ripples > 0 => new RipplesLinked(LinkId(links++), a % (ripples + 1) == 0 ? MapId : Ripple(a % ripples), Ripple(b % ripples),
                    LinkRelation.LedTo, null, [], null),
                2 when ripples > 0 => new RippleRecoded(Ripple(a % ripples), [(CommunityCapital)(b % 7)], null, null),
                3 when links > 0 => new RippleLinkDisputed(LinkId(a % links), Guid.NewGuid(), "why", []),
                4 when links > 0 => new RippleLinkSubstantiated(LinkId(a % links), Guid.NewGuid(), "because", []),
                5 when links > 0 => new RippleLinkWithdrawn(LinkId(a % links), Guid.NewGuid(), "no"),
                _ => null
            };
            if (data is not null) events.Add(Stamp(data, events.Count + 1));
        }
        return events;
    }

    private static IEvent Stamp(object data, int version)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Version = version;
        e.Timestamp = Start.AddMinutes(version);
        e.UserName = "someone";
        return e;
    }

    private static RippleMap? At(List<IEvent> events, DateTimeOffset moment) => RippleMap.Fold(null, events.Where(e => e.Timestamp <= moment));

    [Fact]
    public void the_diff_lists_exactly_what_the_window_s_events_did()
    {
        Gen.Select(Histories, Gen.Int[0, 45], Gen.Int[0, 45]).Sample((events, x, y) =>
        {
            var (from, to) = (Start.AddMinutes(Math.Min(x, y)), Start.AddMinutes(Math.Max(x, y)));
            var after = At(events, to);
            if (after is null) return;
            var diff = MapDiff.Between(At(events, from), after, from, to);

            var window = events.Where(e => e.Timestamp > from && e.Timestamp <= to).Select(e => e.Data).ToList();
            Assert.Equal(window.OfType<RippleAdded>().Select(r => r.RippleId), diff.AddedNodes.Select(n => n.Id));
            Assert.Equal(window.OfType<RipplesLinked>().Select(l => l.LinkId), diff.AddedLinks.Select(l => l.Id));
            Assert.Equal(window.OfType<RippleRecoded>().Select(r => r.RippleId).Distinct().Order(), diff.RecodedNodes.Select(n => n.Id).Order());
            foreach (var recoded in diff.RecodedNodes)
                Assert.Equal(window.OfType<RippleRecoded>().Last(r => r.RippleId == recoded.Id).Capitals, recoded.After.Capitals);

            var statusChanges = window.Select(e => e switch
            {
                RippleLinkDisputed d => (Guid?)d.LinkId,
                RippleLinkSubstantiated s => s.LinkId,
                RippleLinkWithdrawn w => w.LinkId,
                _ => null
            }).OfType<Guid>().ToList();
            Assert.Equal(statusChanges.Distinct().Order(), diff.ChangedLinks.Select(l => l.Id).Order());
            foreach (var changed in diff.ChangedLinks)
                Assert.Equal(statusChanges.Count(id => id == changed.Id), changed.Changes.Count);
        }, iter: 500);
    }

    [Fact]
    public void the_map_as_of_a_moment_ignores_everything_recorded_later()
    {
        Gen.Select(Histories, Gen.Int[0, 45]).Sample((events, x) =>
        {
            var moment = Start.AddMinutes(x);
            var then = At(events, moment);
            var prefix = events.TakeWhile(e => e.Timestamp <= moment).ToList();
            Assert.Equal(prefix.Count(e => e.Data is RippleAdded), then?.Nodes.Count ?? 0);
            Assert.Equal(prefix.Count(e => e.Data is RipplesLinked), then?.Links.Count ?? 0);
            Assert.Equal(prefix.Count == 0 ? 0 : prefix[^1].Version, then?.Version ?? 0);
        }, iter: 500);
    }
}
