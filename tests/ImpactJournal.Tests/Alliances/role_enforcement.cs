using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

public sealed class role_enforcement(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "steward@example.org";

    public static TheoryData<string> NonStewardRoles => new() { "partner", "facilitator", "commissioner" };

    [Theory]
    [MemberData(nameof(NonStewardRoles))]
    public async Task only_stewards_administer_the_alliance(string role)
    {
        var (allianceId, _) = await As(Steward).FormAllianceWithEveryRole("roles");
        var member = As($"roles-{role}@example.org");
        var alliance = $"/api/alliances/{allianceId}";

        await member.Post($"{alliance}/partners", new { name = "Sneaky Ltd", kind = "sme" }, expect: 403);
        await member.Post($"{alliance}/members", new { subject = "friend@example.org", displayName = "F", role = "steward" }, expect: 403);
        await member.Delete($"{alliance}/members/{Steward}", expect: 403);
        await member.Put($"{alliance}/purpose", new { sharedPurpose = "Something else" }, expect: 403);
        await member.Post($"{alliance}/imperatives", new { text = "Do what I say" }, expect: 403);

        var unchanged = await As(Steward).Get(alliance);
        Assert.Single(unchanged!["partners"]!.AsArray());
        Assert.Empty(unchanged["imperatives"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(NonStewardRoles))]
    public async Task every_member_reads_the_alliance_with_their_own_role(string role)
    {
        var (allianceId, partnerId) = await As(Steward).FormAllianceWithEveryRole("readers");
        var member = As($"readers-{role}@example.org");

        var alliance = await member.Get($"/api/alliances/{allianceId}");
        Assert.Equal(role, alliance!["yourRole"]!.GetValue<string>());
        await member.Get($"/api/alliances/{allianceId}/partners/{partnerId}");
    }

    [Fact]
    public async Task an_authenticated_stranger_is_told_the_alliance_does_not_exist()
    {
        var (allianceId, partnerId) = await As(Steward).FormAllianceWithEveryRole("strangers");
        var stranger = As("stranger@example.org");

        var missing = await stranger.Get($"/api/alliances/{Guid.NewGuid()}", expect: 404);
        var hidden = await stranger.Get($"/api/alliances/{allianceId}", expect: 404);
        Assert.Equal(missing!["title"]!.ToString(), hidden!["title"]!.ToString());
        Assert.Equal(missing["detail"]!.ToString(), hidden["detail"]!.ToString());

        await stranger.Get($"/api/alliances/{allianceId}/partners/{partnerId}", expect: 404);
        await stranger.Post($"/api/alliances/{allianceId}/partners", new { name = "X", kind = "sme" }, expect: 404);
        await stranger.Delete($"/api/alliances/{allianceId}/members/{Steward}", expect: 404);
    }
}
