using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

public sealed class when_managing_members(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "steward@example.org";

    [Fact]
    public async Task a_partner_member_must_name_a_partner_of_the_alliance()
    {
        var allianceId = await As(Steward).FormAlliance();

        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/members",
            """{"subject":"dan@example.org","displayName":"Dan","role":"partner"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"partnerId\"", body);

        await As(Steward).Post($"/api/alliances/{allianceId}/members",
            new { subject = "dan@example.org", displayName = "Dan", role = "partner", partnerId = Guid.NewGuid() }, expect: 400);
    }

    [Fact]
    public async Task an_added_member_can_read_the_alliance_and_sees_it_in_their_list()
    {
        var allianceId = await As(Steward).FormAlliance();
        var partnerId = await As(Steward).AddPartner(allianceId);
        await As(Steward).AddMember(allianceId, "dan@example.org", "partner", partnerId);

        var alliance = await As("dan@example.org").Get($"/api/alliances/{allianceId}");
        Assert.Equal("partner", alliance!["yourRole"]!.GetValue<string>());
        var mine = await As("dan@example.org").Get("/api/alliances");
        Assert.Equal("partner", mine!["items"]![0]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task adding_the_same_member_again_is_safe_but_a_different_role_conflicts()
    {
        var allianceId = await As(Steward).FormAlliance();
        await As(Steward).AddMember(allianceId, "grace@example.org", "facilitator");

        await As(Steward).Post($"/api/alliances/{allianceId}/members",
            new { subject = "grace@example.org", displayName = "grace", role = "facilitator" }, expect: 200);
        await As(Steward).Post($"/api/alliances/{allianceId}/members",
            new { subject = "grace@example.org", displayName = "grace", role = "commissioner" }, expect: 409);
    }

    [Fact]
    public async Task a_removed_member_loses_access()
    {
        var allianceId = await As(Steward).FormAlliance();
        await As(Steward).AddMember(allianceId, "tom@example.org", "commissioner");
        await As("tom@example.org").Get($"/api/alliances/{allianceId}");

        await As(Steward).Delete($"/api/alliances/{allianceId}/members/tom@example.org");

        await As("tom@example.org").Get($"/api/alliances/{allianceId}", expect: 404);
        await As(Steward).Get($"/api/alliances/{allianceId}/members/tom@example.org", expect: 404);
    }

    [Fact]
    public async Task removing_someone_who_is_not_a_member_is_not_found()
    {
        var allianceId = await As(Steward).FormAlliance();
        await As(Steward).Delete($"/api/alliances/{allianceId}/members/nobody@example.org", expect: 404);
    }

    [Fact]
    public async Task the_last_steward_cannot_be_removed_but_one_of_two_can()
    {
        var allianceId = await As(Steward).FormAlliance();
        await As(Steward).Delete($"/api/alliances/{allianceId}/members/{Steward}", expect: 409);

        await As(Steward).AddMember(allianceId, "second@example.org", "steward");
        await As("second@example.org").Delete($"/api/alliances/{allianceId}/members/{Steward}");
        await As("second@example.org").Delete($"/api/alliances/{allianceId}/members/second@example.org", expect: 409);
        await As(Steward).Get($"/api/alliances/{allianceId}", expect: 404);
    }

    [Fact]
    public async Task a_steward_cannot_remove_themself_even_beside_another_steward()
    {
        var allianceId = await As(Steward).FormAlliance();
        await As(Steward).AddMember(allianceId, "second@example.org", "steward");
        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Delete, $"/api/alliances/{allianceId}/members/{Steward}", null);
        Assert.Equal(409, status);
        Assert.Contains("You cannot remove yourself", body);
        await As(Steward).Get($"/api/alliances/{allianceId}");
    }

    [Fact]
    public async Task a_changed_role_takes_effect_at_once()
    {
        var allianceId = await As(Steward).FormAlliance();
        await As(Steward).AddMember(allianceId, "tom@example.org", "commissioner");
        var purpose = new { sharedPurpose = "Nobody faces it alone." };
        await As("tom@example.org").Put($"/api/alliances/{allianceId}/purpose", purpose, expect: 403);

        var member = await As(Steward).Put($"/api/alliances/{allianceId}/members/tom@example.org/role", new { role = "steward" });
        Assert.Equal("steward", (string?)member!["role"]);
        await As("tom@example.org").Put($"/api/alliances/{allianceId}/purpose", purpose);
        await As("tom@example.org").Put($"/api/alliances/{allianceId}/members/{Steward}/role", new { role = "facilitator" });
        await As(Steward).Put($"/api/alliances/{allianceId}/purpose", purpose with { sharedPurpose = "Together." }, expect: 403);

        await As("tom@example.org").Put($"/api/alliances/{allianceId}/members/tom@example.org/role", new { role = "commissioner" }, expect: 409);
        await As("tom@example.org").Put($"/api/alliances/{allianceId}/members/nobody@example.org/role", new { role = "steward" }, expect: 404);
        await As("tom@example.org").Put($"/api/alliances/{allianceId}/members/{Steward}/role", new { role = "partner" }, expect: 400);
    }

    [Fact]
    public async Task an_unknown_role_is_rejected()
    {
        var allianceId = await As(Steward).FormAlliance();
        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/members",
            """{"subject":"x@example.org","displayName":"X","role":"admin"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"role\"", body);
    }
}
