using ImpactJournal.Invitations;
using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.Invitations;

public sealed class when_inviting_residents(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "invite-steward@example.org";
    private const string Partner = "invite-partner@example.org";
    private const string OtherPartner = "invite-other-partner@example.org";
    private const string Commissioner = "invite-commissioner@example.org";
    private const string Outsider = "invite-outsider@example.org";

    private static string Later(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd");

    private async Task<(Guid Alliance, Guid Partner)> Alliance()
    {
        var (alliance, partner) = await As(Steward).FormAllianceWithEveryRole("invite");
        await As(Steward).AddMember(alliance, OtherPartner, "partner", await As(Steward).AddPartner(alliance, "The library"));
        return (alliance, partner);
    }

    private static object Story(Guid? id = null, string purpose = "Tell us about the Tuesday meal") =>
        new { id = id ?? Guid.CreateVersion7(), purpose, kind = "story", expiresOn = Later(28), maxUses = 30 };

    private Task<OpenedInvitation?> Open(string? token) => InvitationLinks.OpenAsync(Store, token, DateOnly.FromDateTime(DateTime.UtcNow), default);

    [Fact]
    public async Task a_partner_makes_an_invitation_whose_link_opens_it_once_shown_and_only_a_hash_of_it_is_kept()
    {
        var (alliance, partner) = await Alliance();
        var id = Guid.CreateVersion7();
        var made = await As(Partner).Post($"/api/alliances/{alliance}/invitations", Story(id));

        var link = made!["link"]!.GetValue<string>();
        var token = made["token"]!.GetValue<string>();
        Assert.EndsWith($"/i/{token}", link);
        Assert.Equal(id, (await Open(token))!.Invitation.Id);
        Assert.Equal(partner, (await Open(token))!.Invitation.PartnerId);
        Assert.Equal(0, await Fixture.RowsMentioning(token));

        // A retry records nothing and cannot show the link again; the same id for something else is refused.
        var retried = await As(Partner).Post($"/api/alliances/{alliance}/invitations", Story(id), expect: 200);
        Assert.Null(retried!["link"]);
        await As(Partner).Post($"/api/alliances/{alliance}/invitations", Story(id, "Something else"), expect: 409);
    }

    [Fact]
    public async Task bad_invitations_are_refused_by_field_and_commissioners_and_outsiders_make_none()
    {
        var (alliance, _) = await Alliance();
        var url = $"/api/alliances/{alliance}/invitations";
        var refused = await As(Partner).Post(url, new { purpose = "", kind = "check-in", expiresOn = Later(-1), maxUses = 0 }, expect: 400);
        Assert.Equal(["checkInId", "expiresOn", "maxUses", "purpose"], refused!["errors"]!.AsObject().Select(e => e.Key).Order());
        var noRound = await As(Partner).Post(url, new { purpose = "Spring", kind = "check-in", checkInId = Guid.CreateVersion7(), expiresOn = Later(3), maxUses = 5 }, expect: 400);
        Assert.NotNull(noRound!["errors"]!["checkInId"]);
        await As(Commissioner).Post(url, Story(), expect: 403);
        await As(Outsider).Post(url, Story(), expect: 404);
    }

    [Fact]
    public async Task the_list_shows_what_each_gathered_to_those_who_may_act_on_it_and_revoking_closes_the_link()
    {
        var (alliance, _) = await Alliance();
        var url = $"/api/alliances/{alliance}/invitations";
        var made = await As(Partner).Post(url, Story());
        var id = made!["id"]!.GetValue<string>();
        var token = made["token"]!.GetValue<string>();

        var mine = (await As(Partner).Get(url))!.AsArray();
        Assert.Equal(("open", 0, 30), (mine.Single()!["status"]!.GetValue<string>(), mine.Single()!["uses"]!.GetValue<int>(), mine.Single()!["maxUses"]!.GetValue<int>()));
        Assert.Null(mine.Single()!["link"]);
        Assert.Empty((await As(OtherPartner).Get(url))!.AsArray());
        Assert.Single((await As(Steward).Get(url))!.AsArray());
        await As(Commissioner).Get(url, expect: 403);

        await As(OtherPartner).Delete($"{url}/{id}", expect: 403);
        Assert.NotNull(await Open(token));
        await As(Partner).Delete($"{url}/{id}");
        await As(Steward).Delete($"{url}/{id}");
        Assert.Null(await Open(token));
        Assert.Equal("revoked", (await As(Steward).Get(url))!.AsArray().Single()!["status"]!.GetValue<string>());
        await As(Steward).Delete($"{url}/{Guid.CreateVersion7()}", expect: 404);
        await As(Outsider).Delete($"{url}/{id}", expect: 404);
    }

    [Fact]
    public async Task an_unknown_an_expired_and_a_malformed_token_open_nothing()
    {
        var (alliance, partner) = await Alliance();
        var token = await ExpiredInvitation(Store, alliance, partner);
        Assert.Null(await Open(token));
        Assert.Null(await Open(InvitationSecrets.NewToken()));
        Assert.Null(await Open(new string('x', 5000)));
        Assert.Null(await Open(null));
    }

    /// <summary>An invitation whose last day was yesterday (the API makes none in the past), for a story or a round; answers its token.</summary>
    public static async Task<string> ExpiredInvitation(IDocumentStore store, Guid alliance, Guid partner, Guid? round = null)
    {
        var token = InvitationSecrets.NewToken();
        var id = Guid.CreateVersion7();
        await using var session = store.LightweightSession(alliance.ToString());
        session.Events.StartStream<Invitation>(id, new InvitationMade(id, alliance, "Last week's meal", round is null ? InvitationKind.Story : InvitationKind.CheckIn, round,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), 30, partner));
        session.Store(new InvitationLink(InvitationSecrets.Hash(token), id));
        await session.SaveChangesAsync();
        return token;
    }
}
