using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Invitations;
using Xunit;

namespace ImpactJournal.Tests.Invitations;

/// <summary>The pure parts of making and revoking invitations, and of their secrets, with no host and no database.</summary>
public sealed class when_deciding_invitations
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly Guid Alliance = Guid.CreateVersion7();
    private static readonly Guid FoodBank = Guid.CreateVersion7();
    private static readonly Guid Library = Guid.CreateVersion7();

    private static MakeInvitation Story(DateOnly? expiresOn = null, int? maxUses = 30) =>
        new(Guid.CreateVersion7(), " Tell us about the Tuesday meal ", InvitationKind.Story, null, expiresOn ?? Today.AddDays(28), maxUses);

    private static Invitation Made(Guid partner, DateOnly? expiresOn = null, int uses = 0, bool revoked = false) =>
        new(Guid.CreateVersion7(), Alliance, "Tuesday meal", InvitationKind.Story, null, expiresOn ?? Today, 2, partner, "partner",
            DateTimeOffset.UnixEpoch, uses, revoked ? DateTimeOffset.UnixEpoch : null);

    [Fact]
    public void making_names_each_bad_field_and_records_the_purpose_trimmed_for_the_resolved_partner()
    {
        Assert.Equal(["body"], MakeInvitationUseCase.Validate(null, Today).Keys);
        Assert.Equal(["expiresOn", "kind", "maxUses", "purpose"],
            MakeInvitationUseCase.Validate(new MakeInvitation(null, "", null, null, Today.AddDays(-1), 0), Today).Keys.Order());
        Assert.Equal(["expiresOn"], MakeInvitationUseCase.Validate(Story(Today.AddDays(400)), Today).Keys);
        Assert.Equal(["checkInId"], MakeInvitationUseCase.Validate(Story() with { Kind = InvitationKind.CheckIn }, Today).Keys);
        Assert.Equal(["checkInId"], MakeInvitationUseCase.Validate(Story() with { CheckInId = Guid.CreateVersion7() }, Today).Keys);
        Assert.Empty(MakeInvitationUseCase.Validate(Story(Today), Today));

        var command = Story();
        var decision = MakeInvitationUseCase.Decide(command, command.Id!.Value, Alliance, FoodBank, null, "/here");
        Assert.Equal(new InvitationMade(command.Id!.Value, Alliance, "Tell us about the Tuesday meal", InvitationKind.Story, null,
            Today.AddDays(28), 30, FoodBank), Assert.Single(decision.Events));
    }

    [Fact]
    public void a_check_in_invitation_needs_a_round_that_is_there_and_open()
    {
        var command = Story() with { Kind = InvitationKind.CheckIn, CheckInId = Guid.CreateVersion7() };
        var round = new CheckInRound(command.CheckInId!.Value, "Spring", Today, Today, "steward", DateTimeOffset.UnixEpoch,
            new Dictionary<string, CheckInResponse>(), null);

        Assert.IsType<Outcome.Invalid>(MakeInvitationUseCase.Decide(command, Guid.CreateVersion7(), Alliance, FoodBank, null, "/").Outcome);
        Assert.IsType<Outcome.Invalid>(MakeInvitationUseCase.Decide(command, Guid.CreateVersion7(), Alliance, FoodBank,
            round with { ClosedAt = DateTimeOffset.UnixEpoch }, "/").Outcome);
        Assert.Single(MakeInvitationUseCase.Decide(command, Guid.CreateVersion7(), Alliance, FoodBank, round, "/").Events);
    }

    [Fact]
    public void the_inviting_partners_members_facilitators_and_stewards_revoke_once_and_other_partners_may_not()
    {
        var invitation = Made(FoodBank);
        Assert.IsType<Outcome.Forbidden>(RevokeInvitationUseCase.Decide(invitation, new Member("p", "P", AllianceRole.Partner, Library), "/").Outcome);
        Assert.IsType<InvitationRevoked>(Assert.Single(RevokeInvitationUseCase.Decide(invitation, new Member("p", "P", AllianceRole.Partner, FoodBank), "/").Events));
        Assert.Single(RevokeInvitationUseCase.Decide(invitation, new Member("f", "F", AllianceRole.Facilitator, null), "/").Events);
        Assert.Empty(RevokeInvitationUseCase.Decide(Made(FoodBank, revoked: true), new Member("s", "S", AllianceRole.Steward, null), "/").Events);
    }

    [Fact]
    public void an_invitation_opens_until_the_end_of_its_last_day_until_revoked_or_used_up()
    {
        Assert.Equal("open", Made(FoodBank).StatusOn(Today));
        Assert.Equal("expired", Made(FoodBank).StatusOn(Today.AddDays(1)));
        Assert.Equal("used up", Made(FoodBank, uses: 2).StatusOn(Today));
        Assert.Equal("revoked", Made(FoodBank, uses: 2, revoked: true).StatusOn(Today.AddDays(1)));
    }

    [Fact]
    public void tokens_carry_at_least_128_random_bits_and_codes_read_back_however_they_are_typed()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => InvitationSecrets.NewToken()).ToList();
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{24}$", t));
        Assert.Equal(1000, tokens.Distinct().Count());
        Assert.NotEqual(tokens[0], InvitationSecrets.Hash(tokens[0]));
        Assert.Equal(64, InvitationSecrets.Hash(tokens[0]).Length);

        var code = InvitationSecrets.NewCode();
        Assert.Matches("^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$", code);
        Assert.Equal(code, InvitationSecrets.NormaliseCode(" " + code.Replace("-", " ").ToLowerInvariant()));
        Assert.Null(InvitationSecrets.NormaliseCode("O0O0-1111-IIII"));
        Assert.Null(InvitationSecrets.NormaliseCode(null));
    }
}
