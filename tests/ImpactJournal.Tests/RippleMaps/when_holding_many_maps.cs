using ImpactJournal.RippleMaps;
using ImpactJournal.Tests.Support;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>
/// The service keeps maps it has read in memory, with their views, placements, pictures and JSON. What it holds is
/// bounded by bytes, so a region's many maps, or a few large ones, cannot take the service past its memory.
/// </summary>
public sealed class when_holding_many_maps(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "held-steward@example.org";
    private const string Facilitator = "held-facilitator@example.org";

    [Fact]
    public async Task the_maps_held_never_take_more_bytes_than_the_budget_and_the_one_in_use_stays()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("held");
        var maps = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var m = await As(Facilitator).StartMap(a, $"Map {i} of the region");
            for (var r = 0; r < 5; r++) await As(Facilitator).AddRipple(a, m, $"Ripple {r} of map {i}: people met at the food bank", ["social"], [m]);
            maps.Add(m);
        }

        // Room for about three of these maps with their pictures: eight held would take far more.
        var one = await HeldAsync(Unbounded(), a, maps[0]);
        var budget = one.Bytes * 3;
        var states = new RippleMapStates(Options.Create(new JsonOptions()),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RippleMaps:HeldBytes"] = $"{budget}" }).Build());
        Assert.Equal(budget, states.BudgetBytes);

        var used = new List<RippleMapStates.Held>();
        foreach (var m in maps)
        {
            used.Add(await HeldAsync(states, a, m));
            Assert.True(states.HeldBytes <= budget, $"{states.HeldBytes:N0} bytes held, over the budget of {budget:N0}");
        }
        Assert.True(used.Sum(h => h.Bytes) > 2 * budget, "the maps used must not all fit, or the bound is not tested");

        // The map just used is still held (the same state, not read again); the first one used was let go.
        await using var session = Store.QuerySession(a.ToString());
        var last = await states.CurrentAsync(session, maps[^1], CancellationToken.None);
        Assert.Same(last, await states.CurrentAsync(session, maps[^1], CancellationToken.None));
        Assert.NotSame(used[0], await states.CurrentAsync(session, maps[0], CancellationToken.None));
        Assert.True(states.HeldBytes <= budget);
    }

    private static RippleMapStates Unbounded() =>
        new(Options.Create(new JsonOptions()), new ConfigurationBuilder().Build());

    /// <summary>Reads the map as a board does, making its picture, placement and JSON.</summary>
    private async Task<RippleMapStates.Held> HeldAsync(RippleMapStates states, Guid allianceId, Guid mapId)
    {
        await using var session = Store.QuerySession(allianceId.ToString());
        var held = (await states.CurrentAsync(session, mapId, CancellationToken.None))!;
        _ = held.Picture;
        _ = held.Json;
        _ = held.Facts;
        return held;
    }
}
