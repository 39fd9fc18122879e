using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImpactJournal.Demo;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using JasperFx.Events;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>
/// The mind-map layout on the demo map, a 60-ripple map with cross-links and random 200-ripple maps: no
/// ripple or label overlaps another, adding a ripple where its sector has room moves nothing, and the
/// layout's edge crossings stay within 1.25× those of Graphviz twopi rooted at the focus (both counted as
/// straight segments between node centres).
/// </summary>
public sealed class when_laying_out_a_map(ITestOutputHelper output)
{
    private static readonly Guid Focus = Guid.Parse("00000000-0000-0000-0000-0000000000ff");

    /// <summary>A map grown the way a session grows one: each ripple caused by an earlier one, some cross-links besides.</summary>
    private static IReadOnlyList<IEvent> Grown(int ripples, int seed, int crossLinks)
    {
        var random = new Random(seed);
        var data = new List<object> { new RippleMapStarted(Focus, "Community meals at St Anne's hall", null) };
        var ids = new List<Guid> { Focus };
        var words = new[] { "volunteers", "neighbours", "council", "allotment", "lifts", "trained", "share", "fund", "fridge", "bus", "school", "choir" };
        for (var i = 0; i < ripples; i++)
        {
            var id = new Guid(i + 1, 0, 0, new byte[8]);
            var label = string.Join(' ', Enumerable.Range(0, 2 + random.Next(10)).Select(_ => words[random.Next(words.Length)])) + $" {i}";
            data.Add(new RippleAdded(id, label, null, [(CommunityCapital)random.Next(7)], Valence.Generative, null, [], null));
            // Causes lean on recent ripples, as a session does, so branches grow deep as well as wide.
            var cause = ids[random.Next(Math.Max(0, ids.Count - 12), ids.Count)];
            if (random.Next(5) == 0) cause = ids[random.Next(ids.Count)];
            data.Add(new RipplesLinked(new Guid(i + 1, 1, 0, new byte[8]), cause, id, LinkRelation.LedTo, null, [], null));
            ids.Add(id);
        }
        for (var i = 0; i < crossLinks; i++)
        {
            var (from, to) = (ids[1 + random.Next(ids.Count - 1)], ids[1 + random.Next(ids.Count - 1)]);
            if (from != to) data.Add(new RipplesLinked(new Guid(i + 1, 2, 0, new byte[8]), from, to, LinkRelation.Enabled, null, [], null));
        }
        return Stamped(data);
    }

    private static IReadOnlyList<IEvent> Stamped(IEnumerable<object> data) => [.. data.Select((d, n) =>
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(d.GetType()), d)!;
        e.Version = n + 1;
        e.Timestamp = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(n);
        return e;
    })];

    private static async Task<RippleMapView> DemoMapAsync()
    {
        var demo = await DemoSeed.ReadSeedFileAsync();
        return RippleMapView.Of(RippleMap.Fold(null, Stamped(demo.Maps![0].ToEvents()))!);
    }

    private static void AssertNothingOverlaps(RippleLayout.Placement layout)
    {
        var boxes = layout.Spots.Values.Select(s => s.Box).ToList();
        boxes.AddRange(layout.RingNames.Select(n => new RippleLayout.Box(n.X - RippleLabel.WidthOf(n.Text, 24) / 2, n.Y - 23, n.X + RippleLabel.WidthOf(n.Text, 24) / 2, n.Y + 6)));
        var sorted = boxes.OrderBy(b => b.Left).ToList();
        for (var i = 0; i < sorted.Count; i++)
            for (var j = i + 1; j < sorted.Count && sorted[j].Left < sorted[i].Right; j++)
                Assert.False(sorted[i].Overlaps(sorted[j]), $"{sorted[i]} overlaps {sorted[j]}");
    }

    [Fact]
    public async Task the_layout_crosses_no_more_edges_than_a_quarter_over_twopi_and_nothing_overlaps()
    {
        var maps = new List<(string Name, RippleMapView Map)>
        {
            ("demo map", await DemoMapAsync()),
            ("60 ripples, 12 cross-links", RippleMapView.Of(RippleMap.Fold(null, Grown(60, seed: 5, crossLinks: 12))!)),
        };
        for (var seed = 1; seed <= 5; seed++)
            maps.Add(($"random 200 ripples #{seed}", RippleMapView.Of(RippleMap.Fold(null, Grown(200, seed: 100 + seed, crossLinks: 20))!)));

        output.WriteLine("| map | ripples | links | crossings (ours) | crossings (twopi) | picture (units) |");
        foreach (var (name, map) in maps)
        {
            var layout = RippleLayout.Place(map);
            AssertNothingOverlaps(layout);
            var ours = Crossings(map, layout.Positions);
            var twopi = Crossings(map, Twopi(map));
            output.WriteLine($"| {name} | {map.Nodes.Count} | {map.Summary.Links} | {ours} | {twopi} | {layout.Bounds.Right - layout.Bounds.Left:0} × {layout.Bounds.Bottom - layout.Bounds.Top:0} |");
            Assert.True(ours <= 1.25 * twopi + 1, $"{name}: {ours} crossings against twopi's {twopi}");
        }
    }

    [Fact]
    public void adding_a_ripple_where_its_sector_has_room_moves_no_ripple_and_a_reflow_is_reported()
    {
        var events = Grown(200, seed: 42, crossLinks: 0);
        RippleLayout.Placement? placement = null;
        var (kept, reflowed) = (0, 0);
        // Ripples come one at a time (each with its link) as on a live board.
        for (var count = 1; count <= events.Count; count += 2)
        {
            var map = RippleMapView.Of(RippleMap.Fold(null, events.Take(count))!);
            var next = RippleLayout.Place(map, placement);
            AssertNothingOverlaps(next);
            if (placement is not null && !next.Reflowed)
            {
                kept++;
                Assert.Equal(placement.Generation, next.Generation);
                foreach (var (id, at) in placement.Positions) Assert.Equal(at, next.Positions[id]);
            }
            else if (placement is not null)
            {
                reflowed++;
                Assert.NotEqual(placement.Generation, next.Generation);
            }
            placement = next;
        }
        output.WriteLine($"200 ripples added one by one: {kept} additions moved nothing, {reflowed} laid the map out afresh");
        Assert.True(kept > reflowed, $"{kept} kept, {reflowed} reflowed");
    }

    [Fact]
    public void the_ten_thousand_ripple_picture_is_drawn_in_about_a_second()
    {
        var map = RippleMapView.Of(RippleMap.Fold(null, Grown(10_000, seed: 9, crossLinks: 500))!, chains: false);
        RipplePicture.Svg(RippleMapView.Of(RippleMap.Fold(null, Grown(300, seed: 9, crossLinks: 10))!, chains: false));
        // The best of three, as the machine is shared.
        var best = long.MaxValue;
        var svg = "";
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            svg = RipplePicture.Svg(map);
            best = Math.Min(best, clock.ElapsedMilliseconds);
        }
        output.WriteLine($"10,000 ripples: layout and SVG in {best} ms (best of 3), {svg.Length / 1024} KiB");
        // Alone on this machine kind it takes about 1.1 s; browser tests running beside it in the same run can triple that.
        // The bound catches a layout that turns quadratic, not the noise.
        Assert.True(best < 5000, $"{best} ms");
    }

    /// <summary>Pairs of links that cross, each link a straight segment between node centres; links sharing an end never count.</summary>
    private static int Crossings(RippleMapView map, IReadOnlyDictionary<Guid, (double X, double Y)> at)
    {
        var segments = map.Links.Where(l => l.Status != LinkStatus.Withdrawn && at.ContainsKey(l.From) && at.ContainsKey(l.To))
            .Select(l => (l.From, l.To, A: at[l.From], B: at[l.To])).ToList();
        var crossings = 0;
        for (var i = 0; i < segments.Count; i++)
            for (var j = i + 1; j < segments.Count; j++)
            {
                var (s, t) = (segments[i], segments[j]);
                if (s.From == t.From || s.From == t.To || s.To == t.From || s.To == t.To) continue;
                if (Cross(s.A, s.B, t.A, t.B)) crossings++;
            }
        return crossings;
    }

    private static bool Cross((double X, double Y) a, (double X, double Y) b, (double X, double Y) c, (double X, double Y) d)
    {
        static double Side((double X, double Y) p, (double X, double Y) q, (double X, double Y) r) => (q.X - p.X) * (r.Y - p.Y) - (q.Y - p.Y) * (r.X - p.X);
        var (d1, d2, d3, d4) = (Side(c, d, a), Side(c, d, b), Side(a, b, c), Side(a, b, d));
        return d1 * d2 < 0 && d3 * d4 < 0;
    }

    /// <summary>The same graph laid out by Graphviz twopi rooted at the focus, read back from its JSON.</summary>
    private static Dictionary<Guid, (double X, double Y)> Twopi(RippleMapView map)
    {
        var dot = new StringBuilder($"digraph map {{\n  root=\"{map.Id}\";\n  node [shape=circle, width=0.3, label=\"\"];\n  \"{map.Id}\";\n");
        foreach (var node in map.Nodes) dot.Append($"  \"{node.Id}\";\n");
        foreach (var link in map.Links.Where(l => l.Status != LinkStatus.Withdrawn)) dot.Append($"  \"{link.From}\" -> \"{link.To}\";\n");
        dot.Append("}\n");
        var start = new ProcessStartInfo("twopi", "-Tjson") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var twopi = Process.Start(start)!;
        twopi.StandardInput.Write(dot.ToString());
        twopi.StandardInput.Close();
        var json = JsonDocument.Parse(twopi.StandardOutput.ReadToEnd());
        twopi.WaitForExit();
        var at = new Dictionary<Guid, (double X, double Y)>();
        foreach (var obj in json.RootElement.GetProperty("objects").EnumerateArray())
        {
            if (!obj.TryGetProperty("pos", out var pos) || !Guid.TryParse(obj.GetProperty("name").GetString(), out var id)) continue;
            var xy = pos.GetString()!.Split(',');
            at[id] = (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
        }
        return at;
    }
}
