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
    public void three_hundred_ripples_do_not_overlap_and_every_label_is_whole()
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

        // Every label whole, over at most four lines (the layout's tests check that their boxes never overlap).
        var labels = svg.Descendants(Svg + "text").Where(t => t.Value.StartsWith("Ripple number")).ToList();
        Assert.Equal(300, labels.Count);
        Assert.All(labels, l => Assert.InRange(l.Elements(Svg + "tspan").Count(), 1, 4));
        Assert.All(labels, l => Assert.Matches("^Ripple number [0-9]+ with a label long enough to need wrapping or shortening$",
            string.Join(' ', l.Elements(Svg + "tspan").Select(t => t.Value))));
        Assert.Contains(svg.Descendants(Svg + "title"), t => t.Value.StartsWith("Ripple number 299 with a label long enough to need wrapping or shortening"));
    }

    [Fact]
    public void the_pictures_description_counts_in_sentences()
    {
        var one = XDocument.Parse(System.Text.Encoding.UTF8.GetString(RipplePicture.Draw(RippleMapView.Of(MapOf(1, seed: 3)))));
        var many = XDocument.Parse(System.Text.Encoding.UTF8.GetString(RipplePicture.Draw(RippleMapView.Of(MapOf(60, seed: 3)))));
        var said = one.Descendants(Svg + "desc").Single().Value;
        Assert.StartsWith("1 ripple around the focus in 1 ring by order, 0 not linked to the focus, 1 link, ", said);
        Assert.Matches(@"^60 ripples around the focus in \d+ rings by order, \d+ not linked to the focus, 54 links, \d+ degenerative ripples? outlined in dashed red\.",
            many.Descendants(Svg + "desc").Single().Value);
        Assert.DoesNotContain("(s)", said + many.Descendants(Svg + "desc").Single().Value);
    }

    [Fact]
    public void the_same_map_gives_the_same_bytes()
    {
        Assert.Equal(RipplePicture.Draw(RippleMapView.Of(MapOf(60, seed: 3))), RipplePicture.Draw(RippleMapView.Of(MapOf(60, seed: 3))));
    }
}
