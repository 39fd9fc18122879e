using ImpactJournal.Access;
using ImpactJournal.Demo;
using Xunit;

namespace ImpactJournal.Tests.Demo;

public sealed class when_reading_the_demo_seed
{
    [Fact]
    public async Task it_holds_the_whole_ashworth_alliance_with_fixed_ids()
    {
        var demo = await DemoSeed.ReadSeedFileAsync();

        Assert.Equal(Guid.Parse("2abe2b86-41a4-59b5-9c5e-e61e5b8affaa"), demo.Alliance.Id);
        Assert.Equal(7, demo.Partners.Count);
        Assert.Single(demo.Members, m => m.Role == AllianceRole.Steward);
        Assert.All(demo.Members.Where(m => m.Role == AllianceRole.Partner), m => Assert.Contains(demo.Partners, p => p.Id == m.PartnerId));
        Assert.Equal(23, demo.Observations.Count);
        Assert.Equal(new DateOnly(2026, 3, 20), demo.AsOf);
        Assert.All(demo.Observations, o => Assert.Contains(demo.Partners, p => p.Id == o.PartnerId));
        Assert.Equal(28, demo.Stories.Count);
        Assert.All(demo.Stories.Where(s => s.Signifiers is not null),
            s => Assert.All(s.Signifiers!.Triads.Values, weights => Assert.InRange(weights.Sum(), 0.99, 1.01)));
        Assert.NotNull(demo.SignificationFramework);
    }
}
