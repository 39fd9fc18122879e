using System.Globalization;
using System.Xml.Linq;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

public sealed class when_drawing_a_map
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static RippleMap MapOf(int ripples, int seed) => RippleMap.Fold(null, EventsOf(ripples, seed))!;

    private static IReadOnlyList<IEvent> EventsOf(int ripples, int seed)
    {
        var random = new Random(seed);
        var focus = Guid.Parse("00000000-0000-0000-0000-0000000000ff");
        var data = new List<object> { new RippleMapStarted(focus, "A focus with a rather long name that needs shortening", null) };
        var ids = new List<Guid> { focus };
        for (var i = 0; i < ripples; i++)
        {
            var id = new Guid(i + 1, 0, 0, new byte[8]);
            data.Add(new RippleAdded(id, $"Ripple number {i} with a label long enough to need wrapping or shortening",
                null, [(CommunityCapital)random.Next(7), (CommunityCapital)random.Next(7)], (Valence)random.Next(4), null, [], null));
            if (i % 10 != 9) data.Add(new RipplesLinked(new Guid(i + 1, 1, 0, new byte[8]), ids[random.Next(Math.Min(ids.Count, 1 + i / 3))], id, LinkRelation.LedTo, null, [], null));
            ids.Add(id);
        }
        var events = data.Select((d, n) =>
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(d.GetType()), d)!;
            e.Version = n + 1;
            e.Timestamp = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(n);
            return e;
        });
        return [.. events];
    }

    [Fact]
    public void three_hundred_ripples_do_not_overlap_and_labels_stay_short()
    {
        var map = MapOf(300, seed: 7);
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(RipplePicture.Draw(RippleMapView.Of(map))));

        var outlines = svg.Descendants(Svg + "circle")
            .Where(c => (string?)c.Attribute("r") == "14" && (string?)c.Attribute("fill") == "none")
            .Select(c => (X: double.Parse((string)c.Attribute("cx")!, CultureInfo.InvariantCulture), Y: double.Parse((string)c.Attribute("cy")!, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(300, outlines.Count);
        for (var i = 0; i < outlines.Count; i++)
            for (var j = i + 1; j < outlines.Count; j++)
                Assert.True(Math.Sqrt(Math.Pow(outlines[i].X - outlines[j].X, 2) + Math.Pow(outlines[i].Y - outlines[j].Y, 2)) >= 28 + 8,
                    $"ripples {i} and {j} overlap");

        var labels = svg.Descendants(Svg + "text").Where(t => t.Value.StartsWith("Ripple number")).ToList();
        Assert.Equal(300, labels.Count);
        Assert.All(labels, l => Assert.All(l.Elements(Svg + "tspan"), line => Assert.True(line.Value.Length <= 22)));
        Assert.All(labels, l => Assert.EndsWith("…", l.Elements(Svg + "tspan").Last().Value));

        // Label boxes (about 0.56 em a character at 12 px, two lines) of neighbouring ripples do not overlap.
        var boxes = labels.Select(l => (X: double.Parse((string)l.Attribute("x")!, CultureInfo.InvariantCulture),
            Y: double.Parse((string)l.Attribute("y")!, CultureInfo.InvariantCulture),
            HalfWidth: l.Elements(Svg + "tspan").Max(t => t.Value.Length) * 6.7 / 2)).ToList();
        for (var i = 0; i < boxes.Count; i++)
            for (var j = i + 1; j < boxes.Count; j++)
                Assert.False(Math.Abs(boxes[i].X - boxes[j].X) < boxes[i].HalfWidth + boxes[j].HalfWidth && Math.Abs(boxes[i].Y - boxes[j].Y) < 28,
                    $"labels {i} and {j} overlap");
        Assert.Contains(svg.Descendants(Svg + "title"), t => t.Value.StartsWith("Ripple number 299 with a label long enough to need wrapping or shortening"));
    }

    [Fact]
    public void placing_only_the_ripples_added_since_gives_the_same_spots_as_placing_them_all()
    {
        var events = EventsOf(250, seed: 11);
        RippleLayout.Placement? placement = null;
        for (var count = 1; count <= events.Count; count += 7)
            placement = RippleLayout.Place(RippleMapView.Of(RippleMap.Fold(null, events.Take(count))!), placement);
        var last = RippleMapView.Of(RippleMap.Fold(null, events)!);
        placement = RippleLayout.Place(last, placement);

        var whole = RippleLayout.Place(last);
        Assert.Equal(whole.Positions.Count, placement.Positions.Count);
        foreach (var (id, at) in whole.Positions) Assert.Equal(at, placement.Positions[id]);
        Assert.Equal(whole.Rings, placement.Rings);
    }

    [Fact]
    public void the_same_map_gives_the_same_bytes()
    {
        Assert.Equal(RipplePicture.Draw(RippleMapView.Of(MapOf(60, seed: 3))), RipplePicture.Draw(RippleMapView.Of(MapOf(60, seed: 3))));
    }
}
