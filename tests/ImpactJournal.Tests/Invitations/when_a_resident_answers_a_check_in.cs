using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Invitations;

public sealed class when_a_resident_answers_a_check_in(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "rcheckin-steward@example.org";
    private const string Partner = "rcheckin-partner@example.org";
    private const string Commissioner = "rcheckin-commissioner@example.org";

    private static string Later(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd");

    private sealed record Invited(Guid Alliance, Guid Partner, Guid Round, Guid Sharing, Guid Voice, string Token, string InvitationId);

    private async Task<Invited> InvitedToARound(int maxUses = 30)
    {
        var (alliance, partner) = await As(Steward).FormAllianceWithEveryRole("rcheckin");
        var sharing = Id(await As(Steward).Post($"/api/alliances/{alliance}/imperatives", new { text = "We share information before we are asked" }));
        var voice = Id(await As(Steward).Post($"/api/alliances/{alliance}/imperatives", new { text = "Residents shape what we do" }));
        var round = Id(await As(Steward).Post($"/api/alliances/{alliance}/check-ins", new { title = "Spring check-in", periodStart = "2026-03-01", periodEnd = "2026-05-31" }));
        var made = await As(Partner).Post($"/api/alliances/{alliance}/invitations",
            new { purpose = "How are we doing?", kind = "check-in", checkInId = round, expiresOn = Later(28), maxUses });
        return new Invited(alliance, partner, round, sharing, voice, made!["token"]!.GetValue<string>(), made["id"]!.GetValue<string>());
    }

    private static Guid Id(JsonNode? created) => Guid.Parse(created!["id"]!.GetValue<string>());

    private Support.Api Anybody => new(Host, null);

    private static object Ratings(params (Guid Imperative, int? Rating)[] answers) =>
        new { id = Guid.CreateVersion7(), answers = answers.Select(a => new { imperativeId = a.Imperative, rating = a.Rating }) };

    private async Task<string> Answer(Invited invited, int? sharing, int? voice = 3) =>
        (await Anybody.Post($"/api/invitations/{invited.Token}/check-in", Ratings((invited.Sharing, sharing), (invited.Voice, voice))))!["code"]!.GetValue<string>();

    private async Task<int> Uses(Invited invited) =>
        (await As(Partner).Get($"/api/alliances/{invited.Alliance}/invitations"))!.AsArray().Single(i => (string?)i!["id"] == invited.InvitationId)!["uses"]!.GetValue<int>();

    private async Task<JsonNode> Summary(Invited invited, string reader = Commissioner) => (await As(reader).Get($"/api/alliances/{invited.Alliance}/check-ins/{invited.Round}/summary"))!;

    private static JsonNode Sharing(JsonNode summary, Invited invited) =>
        summary["imperatives"]!.AsArray().Single(i => (string?)i!["imperativeId"] == invited.Sharing.ToString())!;

    [Fact]
    public async Task the_link_asks_the_rounds_commitments_in_words_and_each_answer_uses_the_invitation_once_and_reads_back_with_its_code()
    {
        var invited = await InvitedToARound();
        var asks = await Anybody.Get($"/api/invitations/{invited.Token}");
        Assert.Equal(("check-in", "Spring check-in"), ((string?)asks!["kind"], (string?)asks["round"]));
        Assert.Equal(["We share information before we are asked", "Residents shape what we do"], asks["imperatives"]!.AsArray().Select(i => (string)i!["text"]!));
        Assert.Equal(["Not at all", "Rarely", "Sometimes", "Mostly", "Fully", "Can't say"], asks["scale"]!.AsArray().Select(p => (string)p!["words"]!));

        var body = Ratings((invited.Sharing, 2), (invited.Voice, null));
        var answered = await Anybody.Post($"/api/invitations/{invited.Token}/check-in", body);
        var code = answered!["code"]!.GetValue<string>();
        // A retry with the same id records nothing and cannot show the code again.
        var retried = await Anybody.Post($"/api/invitations/{invited.Token}/check-in", body, expect: 200);
        Assert.Null(retried!["code"]);
        await Answer(invited, 4);
        Assert.Equal(2, await Uses(invited));
        Assert.Equal(0, await Fixture.RowsMentioning(code));

        var mine = await Anybody.Get($"/api/resident/{code.ToLowerInvariant()}/check-in");
        Assert.Equal(("counted", true), ((string?)mine!["state"], mine["mayWithdraw"]!.GetValue<bool>()));
        Assert.Equal(["Rarely", "Can't say"], mine["answers"]!.AsArray().Select(a => (string)a!["words"]!));
        // No other door changes them: the members' "my answers" is a member's own, and the code's page only reads or takes back.
        await Anybody.SendRaw(HttpMethod.Put, $"/api/alliances/{invited.Alliance}/check-ins/{invited.Round}/answers/mine", "{\"answers\":[]}");
        Assert.Equal("Rarely", (string?)(await Anybody.Get($"/api/resident/{code}/check-in"))!["answers"]![0]!["words"]);
        await Anybody.Get($"/api/resident/2345-6789-ABCD/check-in", expect: 404);
    }

    [Fact]
    public async Task residents_count_under_their_own_role_with_the_same_disclosure_control_and_take_answers_back_only_while_the_round_is_open()
    {
        var invited = await InvitedToARound();
        var members = $"/api/alliances/{invited.Alliance}/check-ins/{invited.Round}/answers/mine";
        foreach (var (member, rating) in new[] { (Steward, 4), (Partner, 4), ("rcheckin-facilitator@example.org", 5), (Commissioner, 3) })
            await As(member).Put(members, new { answers = new[] { new { imperativeId = invited.Sharing, rating } } });
        var first = await Answer(invited, 1);
        var second = await Answer(invited, 2);
        var third = await Answer(invited, 2);

        // While open: how many answered, and nothing of what they answered.
        var open = await Summary(invited);
        Assert.Equal((4, 3), (open["respondents"]!.GetValue<int>(), open["residents"]!.GetValue<int>()));
        Assert.Null(Sharing(open, invited)["distribution"]);
        Assert.Empty(Sharing(open, invited)["byRole"]!.AsObject());

        Assert.Equal("taken back", (string?)(await Anybody.Post($"/api/resident/{third}/check-in", null, expect: 200))!["state"]);
        Assert.Equal("taken back", (string?)(await Anybody.Post($"/api/resident/{third}/check-in", null, expect: 200))!["state"]);
        Assert.Equal(2, (await Summary(invited))["residents"]!.GetValue<int>());

        await As(Steward).Post($"/api/alliances/{invited.Alliance}/check-ins/{invited.Round}/close", new { }, expect: 200);
        var closed = Sharing(await Summary(invited), invited);
        Assert.Equal(6, closed["answered"]!.GetValue<int>());
        Assert.Equal(1, closed["distribution"]!["1"]!.GetValue<int>());
        // Two residents: a count under 3 and no middle answer, exactly as for any role.
        Assert.Equal("<3", (string?)closed["byRole"]!["resident"]!["answered"]);
        Assert.Null(closed["byRole"]!["resident"]!["median"]);
        Assert.Equal("<3", (string?)closed["byRole"]!["partner"]!["answered"]);

        var refused = await Anybody.Post($"/api/resident/{first}/check-in", null, expect: 409);
        Assert.Equal("Round closed", (string?)refused!["title"]);
        Assert.Equal("Rarely", (string?)(await Anybody.Get($"/api/resident/{second}/check-in"))!["answers"]![0]!["words"]);
        Assert.Contains("and 2 residents by invitation", (await As(Steward).SendRaw(HttpMethod.Get,
            $"/api/alliances/{invited.Alliance}/check-ins/{invited.Round}/summary?format=markdown", null)).Body);
    }

    [Fact]
    public async Task a_closed_round_a_used_up_a_revoked_and_an_expired_invitation_and_a_story_link_are_refused_alike_and_nothing_is_counted()
    {
        var invited = await InvitedToARound(maxUses: 1);
        await Answer(invited, 3);
        var usedUp = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{invited.Token}/check-in", Json(Ratings((invited.Sharing, 5))));

        var later = await As(Partner).Post($"/api/alliances/{invited.Alliance}/invitations",
            new { purpose = "Again", kind = "check-in", checkInId = invited.Round, expiresOn = Later(3), maxUses = 5 });
        var closedToken = later!["token"]!.GetValue<string>();
        var revokedMade = await As(Partner).Post($"/api/alliances/{invited.Alliance}/invitations",
            new { purpose = "Revoked", kind = "check-in", checkInId = invited.Round, expiresOn = Later(3), maxUses = 5 });
        await As(Partner).Delete($"/api/alliances/{invited.Alliance}/invitations/{revokedMade!["id"]}");
        var revoked = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{revokedMade["token"]}/check-in", Json(Ratings((invited.Sharing, 5))));
        var expiredToken = await when_inviting_residents.ExpiredInvitation(Store, invited.Alliance, invited.Partner, invited.Round);
        var expired = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{expiredToken}/check-in", Json(Ratings((invited.Sharing, 5))));
        var storyMade = await As(Partner).Post($"/api/alliances/{invited.Alliance}/invitations", new { purpose = "A story", kind = "story", expiresOn = Later(3), maxUses = 5 });
        var story = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{storyMade!["token"]}/check-in", Json(Ratings((invited.Sharing, 5))));
        await As(Steward).Post($"/api/alliances/{invited.Alliance}/check-ins/{invited.Round}/close", new { }, expect: 200);
        var closed = await Anybody.SendRaw(HttpMethod.Post, $"/api/invitations/{closedToken}/check-in", Json(Ratings((invited.Sharing, 5))));
        var closedAsks = await Anybody.SendRaw(HttpMethod.Get, $"/api/invitations/{closedToken}", null);
        var unknown = await Anybody.SendRaw(HttpMethod.Post, "/api/invitations/no-such-token/check-in", Json(Ratings((invited.Sharing, 5))));

        Assert.All(new[] { usedUp, revoked, expired, story, closed, closedAsks }, answer => Assert.Equal((404, unknown.Body), (answer.Status, answer.Body)));
        Assert.Equal(1, Sharing(await Summary(invited), invited)["answered"]!.GetValue<int>());
    }

    [Fact]
    public async Task the_residents_form_sent_without_its_antiforgery_token_is_refused_and_records_nothing()
    {
        var invited = await InvitedToARound();
        using var resident = PageVisitor.Anonymous(Host);
        var page = $"/i/{invited.Token}/check-in";
        var (opened, form) = await resident.GetAsync(page);
        Assert.Equal(200, opened);
        Assert.Contains("__RequestVerificationToken", form);
        KeyValuePair<string, string>[] answers =
            [new("Id", Guid.CreateVersion7().ToString()), new("Answers[0].ImperativeId", invited.Sharing.ToString()), new("Answers[0].Rating", "2")];

        var (status, _) = await resident.PostWithoutTokenAsync(page, answers);

        Assert.Equal(400, status);
        Assert.Equal(0, await Uses(invited));
        Assert.Equal(0, (await Summary(invited))["residents"]!.GetValue<int>());
        // The same answers with the form's token are counted: it was only the missing token that refused them.
        var (sent, _, thanked) = await resident.PostFormAsync(page, null, answers);
        Assert.Equal((200, true), (sent, thanked.Contains("Thank you for your answers")));
        Assert.Equal(1, (await Summary(invited))["residents"]!.GetValue<int>());
    }

    private static string Json(object body) => System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web);
}
