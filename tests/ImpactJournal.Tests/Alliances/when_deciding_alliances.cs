using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

/// <summary>The pure parts of forming and administering an alliance, with no host and no database.</summary>
public sealed class when_deciding_alliances
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private const string Founder = "steward@example.org";

    private static Alliance Formed() => Alliance.Formed(FormAllianceUseCase.Decide(
        new FormAlliance(Guid.CreateVersion7(), "Ashworth", AgreementType.AllianceContract, "No one alone"), Founder, "Priya"), Now);

    [Fact]
    public void forming_names_each_missing_part_and_makes_the_founder_its_steward()
    {
        Assert.Equal(["body"], FormAllianceUseCase.Validate(null).Keys);
        Assert.Equal(["agreementType", "name", "sharedPurpose"],
            FormAllianceUseCase.Validate(new FormAlliance(null, " ", null, null)).Keys.Order());

        var command = new FormAlliance(Guid.CreateVersion7(), " Ashworth ", AgreementType.AllianceContract, " No one alone ");
        var formed = FormAllianceUseCase.Decide(command, Founder, "Priya");
        Assert.Equal(new AllianceFormed(command.Id!.Value, "Ashworth", AgreementType.AllianceContract, "No one alone", Founder, "Priya"), formed);
        Assert.Equal([new Member(Founder, "Priya", AllianceRole.Steward, null)], Alliance.Formed(formed, Now).Members);
    }

    [Fact]
    public void a_partner_is_added_once_and_a_different_one_under_the_same_id_conflicts()
    {
        Assert.Equal(["kind", "name"], AddPartnerUseCase.Validate(new AddPartner(null, "", null)).Keys.Order());
        var alliance = Formed();
        var command = new AddPartner(Guid.CreateVersion7(), " Food Hub ", PartnerKind.Vcse);

        var added = AddPartnerUseCase.Decide(command, alliance);
        Assert.Equal([new PartnerAdded(command.Id!.Value, "Food Hub", PartnerKind.Vcse)], added.Events);
        Assert.IsType<Outcome.Saved>(added.Outcome);

        var withIt = alliance.Apply((PartnerAdded)added.Events[0]);
        Assert.IsType<Outcome.AlreadyThere>(AddPartnerUseCase.Decide(command, withIt).Outcome);
        Assert.IsType<Outcome.Conflict>(AddPartnerUseCase.Decide(command with { Kind = PartnerKind.Council }, withIt).Outcome);
        Assert.Empty(AddPartnerUseCase.Decide(command, withIt).Events);
    }

    [Fact]
    public void a_commitment_is_added_once_and_a_different_one_under_the_same_id_conflicts()
    {
        Assert.Equal(["text"], AddImperativeUseCase.Validate(new AddImperative(null, new string('x', AllianceLimits.Text + 1))).Keys);
        var command = new AddImperative(Guid.CreateVersion7(), " We share first ");
        var added = AddImperativeUseCase.Decide(command, Formed());
        Assert.Equal([new ImperativeAdded(command.Id!.Value, "We share first")], added.Events);

        var withIt = Formed().Apply((ImperativeAdded)added.Events[0]);
        Assert.IsType<Outcome.AlreadyThere>(AddImperativeUseCase.Decide(command, withIt).Outcome);
        Assert.IsType<Outcome.Conflict>(AddImperativeUseCase.Decide(command with { Text = "Something else" }, withIt).Outcome);
    }

    [Fact]
    public void a_member_in_the_partner_role_belongs_to_a_partner_of_the_alliance()
    {
        Assert.Equal(["partnerId"], AddMemberUseCase.Validate(new AddMember("jo@example.org", "Jo", AllianceRole.Partner, null)).Keys);
        var refused = AddMemberUseCase.Decide(new AddMember("jo@example.org", "Jo", AllianceRole.Partner, Guid.CreateVersion7()), Formed());
        Assert.Equal(["partnerId"], Assert.IsType<Outcome.Invalid>(refused.Outcome).Errors.Keys);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void a_member_is_added_once_answered_with_the_member_and_different_details_for_the_same_person_conflict()
    {
        var alliance = Formed();
        var command = new AddMember(" jo@example.org ", " Jo ", AllianceRole.Facilitator, null);
        var added = AddMemberUseCase.Decide(command, alliance);
        var jo = new Member("jo@example.org", "Jo", AllianceRole.Facilitator, null);
        Assert.Equal([new MemberAdded("jo@example.org", "Jo", AllianceRole.Facilitator, null)], added.Events);
        Assert.Equal(jo, Assert.IsType<Outcome.Saved>(added.Outcome).Body);

        var withJo = alliance.Apply((MemberAdded)added.Events[0]);
        Assert.Equal(jo, Assert.IsType<Outcome.AlreadyThere>(AddMemberUseCase.Decide(command, withJo).Outcome).Body);
        Assert.Equal("Already a member", Assert.IsType<Outcome.Conflict>(
            AddMemberUseCase.Decide(command with { Role = AllianceRole.Steward }, withJo).Outcome).Title);
    }

    [Fact]
    public void a_member_is_removed_but_the_last_steward_stays_and_nobody_removes_themself()
    {
        var alliance = Formed().Apply(new MemberAdded("jo@example.org", "Jo", AllianceRole.Steward, null));
        Assert.IsType<Outcome.NotFound>(RemoveMemberUseCase.Decide("nobody@example.org", Founder, alliance).Outcome);
        var removed = RemoveMemberUseCase.Decide("jo@example.org", Founder, alliance);
        Assert.Equal([new MemberRemoved("jo@example.org")], removed.Events);

        var themself = RemoveMemberUseCase.Decide(Founder, Founder, alliance);
        Assert.Equal("You cannot remove yourself", Assert.IsType<Outcome.Conflict>(themself.Outcome).Title);
        Assert.Empty(themself.Events);

        var last = RemoveMemberUseCase.Decide(Founder, "jo@example.org", alliance.Apply(new MemberRemoved("jo@example.org")));
        Assert.Equal("The last steward cannot be removed", Assert.IsType<Outcome.Conflict>(last.Outcome).Title);
        Assert.Empty(last.Events);
    }

    [Fact]
    public void a_role_change_is_its_own_event_and_keeps_a_steward_and_the_stewards_own_role()
    {
        var partnerId = Guid.CreateVersion7();
        var alliance = Formed().Apply(new PartnerAdded(partnerId, "Food Hub", PartnerKind.Vcse))
            .Apply(new MemberAdded("jo@example.org", "Jo", AllianceRole.Partner, partnerId));
        Assert.Equal(["body"], ChangeMemberRoleUseCase.Validate(null).Keys);
        Assert.Equal(["role"], ChangeMemberRoleUseCase.Validate(new ChangeMemberRole(null, null)).Keys);
        Assert.Equal(["partnerId"], ChangeMemberRoleUseCase.Validate(new ChangeMemberRole(AllianceRole.Partner, null)).Keys);

        Assert.IsType<Outcome.NotFound>(ChangeMemberRoleUseCase.Decide("nobody@example.org", new(AllianceRole.Steward, null), Founder, alliance).Outcome);
        Assert.IsType<Outcome.Invalid>(ChangeMemberRoleUseCase.Decide("jo@example.org", new(AllianceRole.Partner, Guid.CreateVersion7()), Founder, alliance).Outcome);
        var same = ChangeMemberRoleUseCase.Decide("jo@example.org", new(AllianceRole.Partner, partnerId), Founder, alliance);
        Assert.Empty(same.Events);
        Assert.IsType<Outcome.Saved>(same.Outcome);

        var changed = ChangeMemberRoleUseCase.Decide("jo@example.org", new(AllianceRole.Steward, partnerId), Founder, alliance);
        Assert.Equal([new MemberRoleChanged("jo@example.org", AllianceRole.Steward, null)], changed.Events);
        var withTwoStewards = alliance.Apply((MemberRoleChanged)changed.Events[0]);
        Assert.Equal(new Member("jo@example.org", "Jo", AllianceRole.Steward, null), withTwoStewards.MemberBySubject("jo@example.org"));
        Assert.Equal(2, withTwoStewards.StewardCount);

        var own = ChangeMemberRoleUseCase.Decide(Founder, new(AllianceRole.Commissioner, null), Founder, withTwoStewards);
        Assert.Equal("You cannot change your own role", Assert.IsType<Outcome.Conflict>(own.Outcome).Title);
        var last = ChangeMemberRoleUseCase.Decide(Founder, new(AllianceRole.Commissioner, null), "jo@example.org", alliance);
        Assert.Equal("The last steward keeps their role", Assert.IsType<Outcome.Conflict>(last.Outcome).Title);
        Assert.Empty(last.Events);
    }

    [Fact]
    public void a_new_wording_of_the_purpose_is_the_next_revision_and_the_same_wording_changes_nothing()
    {
        Assert.Equal(["sharedPurpose"], RevisePurposeUseCase.Validate(new RevisePurpose(" ")).Keys);
        var alliance = Formed();

        var same = RevisePurposeUseCase.Decide(new RevisePurpose(" No one alone "), alliance);
        Assert.Empty(same.Events);
        Assert.Equal(new PurposeView("No one alone", 1), Assert.IsType<Outcome.Saved>(same.Outcome).Body);

        var revised = RevisePurposeUseCase.Decide(new RevisePurpose("No one faces it alone"), alliance);
        Assert.Equal([new PurposeRevised("No one faces it alone")], revised.Events);
        Assert.Equal(new PurposeView("No one faces it alone", 2), Assert.IsType<Outcome.Saved>(revised.Outcome).Body);
    }
}
