using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Invitations;

public sealed class when_a_resident_tells_a_story(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "resident-steward@example.org";
    private const string Partner = "resident-partner@example.org";
    private const string OtherPartner = "resident-other-partner@example.org";
    private const string Facilitator = "resident-facilitator@example.org";
    private const string Commissioner = "resident-commissioner@example.org";

    private static string Later(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd");

    private async Task<(Guid Alliance, Guid Partner, string Token)> Invited(int maxUses = 30)
    {
        var (alliance, partner) = await As(Steward).FormAllianceWithEveryRole("resident");
        await As(Steward).AddMember(alliance, OtherPartner, "partner", await As(Steward).AddPartner(alliance, "The library"));
        var made = await As(Partner).Post($"/api/alliances/{alliance}/invitations",
            new { purpose = "Tell us about the Tuesday meal", kind = "story", expiresOn = Later(28), maxUses });
        return (alliance, partner, made!["token"]!.GetValue<string>());
    }

    private static object Story(string narrative = "Maggie saved me a seat and now I help with the washing up.", string? name = null) =>
        new { id = Guid.CreateVersion7(), title = "A seat saved", narrative, name, scope = "commissioners" };

    private Support.Api Anybody => new(Host, null);

    private async Task<(Guid Id, string Code)> Tell(string token, object story)
    {
        var told = await Anybody.Post($"/api/invitations/{token}/stories", story);
        return (Guid.Parse(told!["id"]!.GetValue<string>()), told["code"]!.GetValue<string>());
    }

    private static string State(JsonNode? status) => status!["state"]!.GetValue<string>();

    [Fact]
    public async Task a_story_waits_unseen_until_a_member_of_the_inviting_partner_accepts_it_and_the_code_reads_its_state()
    {
        var (alliance, _, token) = await Invited();
        var (id, code) = await Tell(token, Story(name: "Jo"));
        Assert.Equal(0, await Fixture.RowsMentioning(code));
        Assert.Equal("waiting for review", State(await Anybody.Get($"/api/resident/{code.ToLowerInvariant().Replace("-", " ")}")));

        // Nothing a resident sends is shown before review: not in stories, patterns, exports or counts.
        await CatchUpProjections();
        foreach (var reader in new[] { Steward, Partner, Commissioner })
            Assert.Empty((await As(reader).Get($"/api/alliances/{alliance}/stories")).Ids());
        Assert.DoesNotContain("washing up", (await As(Steward).SendRaw(HttpMethod.Get, $"/api/alliances/{alliance}/stories/export?format=csv", null)).Body);
        Assert.DoesNotContain("washing up", (await As(Steward).SendRaw(HttpMethod.Get, $"/api/alliances/{alliance}/exports/qdpx", null)).Body);
        Assert.Single((await As(Partner).Get($"/api/alliances/{alliance}/stories/waiting"))!.AsArray());
        Assert.Empty((await As(OtherPartner).Get($"/api/alliances/{alliance}/stories/waiting"))!.AsArray());
        await As(Commissioner).Get($"/api/alliances/{alliance}/stories/waiting", expect: 403);

        var review = $"/api/alliances/{alliance}/stories/{id}/review";
        await As(OtherPartner).Post(review, new { decision = "accept" }, expect: 403);
        await As(Facilitator).Post(review, new { decision = "accept" }, expect: 403);
        await As(Partner).Post(review, new { decision = "maybe" }, expect: 400);
        await As(Partner).Post(review, new { decision = "accept", narrative = "Someone saved me a seat." }, expect: 400);
        var accepted = await As(Partner).Post(review, new { decision = "accept", narrative = "Someone saved me a seat.", reason = "A volunteer was named." }, expect: 200);
        await As(Steward).Post(review, new { decision = "decline", reason = "Too late" }, expect: 409);

        await CatchUpProjections();
        var storyId = accepted!["storyId"]!.GetValue<string>();
        var story = await As(Commissioner).Get($"/api/alliances/{alliance}/stories/{storyId}");
        Assert.Equal("Someone saved me a seat.", story!["narrative"]!.GetValue<string>());
        Assert.Equal("resident: Jo", story["tellerRole"]!.GetValue<string>());
        var status = await Anybody.Get($"/api/resident/{code}");
        Assert.Equal(("accepted", true), (State(status), status!["changed"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task a_declined_story_tells_the_resident_why_and_is_never_shown()
    {
        var (alliance, _, token) = await Invited();
        var (id, code) = await Tell(token, Story());
        await As(Partner).Post($"/api/alliances/{alliance}/stories/{id}/review", new { decision = "decline" }, expect: 400);
        await As(Steward).Post($"/api/alliances/{alliance}/stories/{id}/review", new { decision = "decline", reason = "It names a child." }, expect: 200);

        var status = await Anybody.Get($"/api/resident/{code}");
        Assert.Equal(("declined", "It names a child."), (State(status), status!["declineReason"]!.GetValue<string>()));
        await CatchUpProjections();
        Assert.Empty((await As(Steward).Get($"/api/alliances/{alliance}/stories")).Ids());
        Assert.Empty((await As(Steward).Get($"/api/alliances/{alliance}/stories/waiting"))!.AsArray());
    }

    [Fact]
    public async Task the_code_alone_withdraws_an_accepted_story_erasing_its_words_everywhere_and_the_audit_remains()
    {
        var (alliance, _, token) = await Invited();
        var (id, code) = await Tell(token, Story("The quiz night is where I met my neighbour Priyanka."));
        var storyId = (await As(Partner).Post($"/api/alliances/{alliance}/stories/{id}/review", new { decision = "accept" }, expect: 200))!["storyId"]!.GetValue<string>();
        await CatchUpProjections();
        Assert.True(await Fixture.RowsMentioning("met my neighbour Priyanka") > 0);

        await Anybody.Post($"/api/resident/not-a-code", null, expect: 404);
        Assert.Equal("withdrawn", State(await Anybody.Post($"/api/resident/{code}", null, expect: 200)));
        Assert.Equal("withdrawn", State(await Anybody.Post($"/api/resident/{code}", null, expect: 200)));
        await CatchUpProjections();

        Assert.Equal(0, await Fixture.RowsMentioning("met my neighbour Priyanka"));
        Assert.True((await As(Steward).Get($"/api/alliances/{alliance}/stories/{storyId}"))!["withdrawn"]!.GetValue<bool>());
        Assert.Equal(1, (await Fixture.EventsOfType(Guid.Parse(storyId), "story_consent_withdrawn")).Count);
        Assert.Equal(1, (await Fixture.EventsOfType(id, "resident_story_withdrawn")).Count);
        Assert.Equal("withdrawn", State(await Anybody.Get($"/api/resident/{code}")));
    }

    [Fact]
    public async Task a_link_that_is_unknown_revoked_expired_or_used_up_is_refused_with_the_same_answer()
    {
        var (alliance, partner, token) = await Invited(maxUses: 1);
        await Tell(token, Story());
        var usedUp = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{token}/stories", Json(Story()));

        var (_, _, second) = (alliance, partner, (await As(Partner).Post($"/api/alliances/{alliance}/invitations",
            new { id = Guid.CreateVersion7(), purpose = "Another", kind = "story", expiresOn = Later(3), maxUses = 5 }))!);
        await As(Partner).Delete($"/api/alliances/{alliance}/invitations/{second["id"]}");
        var revoked = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{second["token"]}/stories", Json(Story()));
        var expiredToken = await when_inviting_residents.ExpiredInvitation(Store, alliance, partner);
        var expired = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{expiredToken}/stories", Json(Story()));
        var unknown = await Anybody.SendRaw(HttpMethod.Post, "/api/invitations/no-such-token/stories", Json(Story()));

        // The very same bytes, whatever the link was: no address echoed (it holds the token), no trace id.
        Assert.All(new[] { usedUp, revoked, expired, unknown }, answer => Assert.Equal((404, unknown.Body), (answer.Status, answer.Body)));
        Assert.Equal(["detail", "status", "title", "type"], JsonNode.Parse(unknown.Body)!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("This link does not open. It may have been typed wrongly, or it has closed.", (string?)JsonNode.Parse(unknown.Body)!["detail"]);
        // A code's refusal too: a code that never was and one that cannot be one.
        var codes = await Task.WhenAll(new[] { "2345-6789-ABCD", "not-a-code", "2345-6789-ABCE" }.Select(c => Anybody.SendRaw(HttpMethod.Get, $"/api/resident/{c}", null)));
        Assert.All(codes, answer => Assert.Equal((404, codes[0].Body), (answer.Status, answer.Body)));
        Assert.Equal(1, (await As(Partner).Get($"/api/alliances/{alliance}/invitations"))!.AsArray().Single(i => i!["maxUses"]!.GetValue<int>() == 1)!["uses"]!.GetValue<int>());
    }

    private static string Json(object body) => System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web);
}
