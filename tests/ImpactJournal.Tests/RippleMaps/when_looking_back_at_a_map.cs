using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

public sealed class when_looking_back_at_a_map(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "back-steward@example.org";
    private const string Partner = "back-partner@example.org";
    private const string Facilitator = "back-facilitator@example.org";
    private const string Commissioner = "back-commissioner@example.org";

    [Fact]
    public async Task time_travel_folds_at_most_one_checkpoints_worth_of_events_and_remembers_the_answer()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("back");
        var m = await As(Facilitator).StartMap(a);
        string? middle = null;
        for (var i = 0; i < 300; i++)
        {
            await As(Partner).AddRipple(a, m, $"Ripple {i}", ["social"], [m]);
            if (i == 199) middle = (await As(Partner).Get(MapBuilder.Map(a, m)))!["asOf"]!.GetValue<string>();
        }

        long folded = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "impactjournal.map.time_travel_events_folded") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref folded, value));
        listener.Start();

        var url = $"{MapBuilder.Map(a, m)}?asOf={Uri.EscapeDataString(middle!)}";
        var past = (await As(Commissioner).Get(url))!;
        Assert.Equal(200, past["nodes"]!.AsArray().Count);
        // 601 events in the stream; the moment is at version 401, so the fold starts from the checkpoint at 256.
        Assert.InRange(Interlocked.Read(ref folded), 1, 256);
        var afterFirst = Interlocked.Read(ref folded);
        foreach (var reader in new[] { Partner, Facilitator, Commissioner })
            Assert.Equal(past.ToJsonString(), (await As(reader).Get(url))!.ToJsonString());
        await As(Commissioner).Get($"{MapBuilder.Map(a, m)}/diff?from={Uri.EscapeDataString(middle!)}");
        Assert.Equal(afterFirst, Interlocked.Read(ref folded));
    }

    [Fact]
    public async Task as_of_shows_the_map_as_it_stood_and_diff_lists_what_changed_since()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("back");
        var m = await As(Facilitator).StartMap(a);
        var first = await As(Partner).AddRipple(a, m, "Volunteers", ["human"], [m]);
        var then = (await As(Partner).Get(MapBuilder.Map(a, m)))!["asOf"]!.GetValue<string>();
        var firstLink = (await As(Partner).Get(MapBuilder.Map(a, m)))!["links"]![0]!["id"]!.GetValue<string>();

        var second = await As(Partner).AddRipple(a, m, "Friendships", ["social"], [first]);
        await As(Facilitator).Put($"{MapBuilder.Map(a, m)}/ripples/{first}/coding", new { capitals = new[] { "human", "cultural" } });
        await As(Partner).Post($"{MapBuilder.Map(a, m)}/links/{firstLink}/disputes", new { reason = "Was it the fridge?" }, expect: 200);

        var past = (await As(Partner).Get($"{MapBuilder.Map(a, m)}?asOf={Uri.EscapeDataString(then)}"))!;
        Assert.Equal(then, past["asOf"]!.GetValue<string>());
        Assert.Equal([first.ToString()], past["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        Assert.Equal(["human"], past.Node(first)["capitals"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("asserted", past["links"]![0]!["status"]!.GetValue<string>());

        var now = (await As(Partner).Get(MapBuilder.Map(a, m)))!;
        Assert.Equal(2, now["nodes"]!.AsArray().Count);
        Assert.Equal("disputed", now.LinkOf(Guid.Parse(firstLink))["status"]!.GetValue<string>());

        var diff = (await As(Partner).Get($"{MapBuilder.Map(a, m)}/diff?from={Uri.EscapeDataString(then)}"))!;
        Assert.Equal([second.ToString()], diff["addedNodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        var recoded = diff["recodedNodes"]!.AsArray().Single()!;
        Assert.Equal(first.ToString(), recoded["id"]!.GetValue<string>());
        Assert.Equal(["human"], recoded["before"]!["capitals"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["human", "cultural"], recoded["after"]!["capitals"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Single(diff["addedLinks"]!.AsArray());
        var changed = diff["changedLinks"]!.AsArray().Single()!;
        Assert.Equal(firstLink, changed["id"]!.GetValue<string>());
        Assert.Equal("asserted", changed["before"]!.GetValue<string>());
        Assert.Equal("disputed", changed["after"]!.GetValue<string>());

        var nothing = (await As(Partner).Get($"{MapBuilder.Map(a, m)}/diff?from=2000-01-01T00:00:00Z&to=2000-02-01T00:00:00Z"))!;
        Assert.Empty(nothing["addedNodes"]!.AsArray());
        await As(Partner).Get($"{MapBuilder.Map(a, m)}/diff", expect: 400);
        await As(Partner).Get($"{MapBuilder.Map(a, m)}/diff?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", expect: 400);
        await As(Partner).Get($"{MapBuilder.Map(a, m)}?asOf=yesterday", expect: 400);
        await As(Partner).Get($"{MapBuilder.Map(a, m)}?asOf=2000-01-01T00:00:00Z", expect: 404);
    }
}
