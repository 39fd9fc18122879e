using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Invitations;
using Xunit;

namespace ImpactJournal.Tests.Invitations;

/// <summary>The pure parts of a resident's check-in answers, with no host and no database.</summary>
public sealed class when_deciding_resident_check_ins
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private static readonly Imperative Sharing = new(Guid.CreateVersion7(), "We share information before we are asked");
    private static readonly Alliance Alliance = new(Guid.CreateVersion7(), "Northfield", AgreementType.AllianceContract, "Nobody goes hungry", 1,
        [], [], [Sharing], "steward", Now);
    private static readonly Invitation Invitation = new(Guid.CreateVersion7(), Alliance.Id, "How are we doing?", InvitationKind.CheckIn, Guid.CreateVersion7(),
        new DateOnly(2026, 12, 31), 30, Guid.CreateVersion7(), "partner", Now, 0, null);

    private static CheckInRound Round(bool closed = false) =>
        new(Guid.CreateVersion7(), "Spring check-in", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), "steward", Now.AddDays(-7), new Dictionary<string, CheckInResponse>(), closed ? Now : null);

    [Fact]
    public void ratings_are_refused_by_field_as_members_are_and_an_empty_or_missing_list_is_named()
    {
        Assert.Equal(["body"], AnswerCheckInByInvitationUseCase.Validate(null, Alliance).Keys);
        Assert.Equal(["answers"], AnswerCheckInByInvitationUseCase.Validate(new(null, []), Alliance).Keys);
        var bad = new AnswerCheckInByInvitation(Guid.Empty, [new ResidentRating(Guid.CreateVersion7(), 9), null, new ResidentRating(Sharing.Id, 0)]);
        Assert.Equal(["answers[0].imperativeId", "answers[0].rating", "answers[1]", "answers[2].rating", "id"], AnswerCheckInByInvitationUseCase.Validate(bad, Alliance).Keys.Order());
        Assert.Empty(AnswerCheckInByInvitationUseCase.Validate(new(null, [new ResidentRating(Sharing.Id, null)]), Alliance));
    }

    [Fact]
    public void answers_count_under_the_resident_role_with_no_words_and_a_closed_round_takes_none()
    {
        var id = Guid.CreateVersion7();
        var round = Round();
        var answered = AnswerCheckInByInvitationUseCase.Decide(new(id, [new ResidentRating(Sharing.Id, 4)]), id, round, Invitation);
        Assert.Equal(new ImperativeAnswer(Sharing.Id, 4, null, null, null), answered!.Answers.Single());
        Assert.Equal((round.Id, id, Invitation.Id), (answered.RoundId, answered.ResidentAnswerId, answered.InvitationId));
        Assert.Null(AnswerCheckInByInvitationUseCase.Decide(new(id, [new ResidentRating(Sharing.Id, 4)]), id, Round(closed: true), Invitation));
    }

    [Fact]
    public void taking_answers_back_is_refused_once_the_round_closed_and_changes_nothing_when_taken_back_already()
    {
        var id = Guid.CreateVersion7();
        var withAnswers = Round() with
        {
            Responses = new Dictionary<string, CheckInResponse> { [CheckInRound.ResidentKey(id)] = new(AllianceRole.Resident, [new(Sharing.Id, 2, null, null, null)], Now) }
        };
        var status = ResidentCheckIns.StatusOf(withAnswers, [], Alliance, counted: false);
        Assert.Equal([new ResidentCheckInAnswersWithdrawn(id)], WithdrawResidentCheckInUseCase.Decide(withAnswers, id, status).Events);
        Assert.IsType<ImpactJournal.Infrastructure.UseCases.Outcome.Conflict>(WithdrawResidentCheckInUseCase.Decide(withAnswers with { ClosedAt = Now }, id, status).Outcome);
        Assert.Empty(WithdrawResidentCheckInUseCase.Decide(Round(), id, status).Events);
        Assert.Equal((0, 1), (withAnswers.MembersAnswered, withAnswers.ResidentsAnswered));
    }

    [Theory]
    [InlineData("1,2|4,4,5")]
    [InlineData("1,2,2|4,4,5")]
    [InlineData("3,3,3,3|3")]
    [InlineData("1,5,5|2,2,4,4")]
    [InlineData("2|1,3,4,5,5,5")]
    public void residents_ratings_show_exactly_as_the_same_ratings_would_under_any_other_role(string given)
    {
        var parts = given.Split('|').Select(p => p.Split(',').Select(int.Parse).ToList()).ToArray();
        ImperativeRatings As(AllianceRole role) => ImperativeRatings.Of([.. parts[0].Select(v => new Rating(role, v)), .. parts[1].Select(v => new Rating(AllianceRole.Partner, v))]);
        var residents = As(AllianceRole.Resident);
        var facilitators = As(AllianceRole.Facilitator);
        Assert.Equal(facilitators.ByRole[AllianceRole.Facilitator], residents.ByRole[AllianceRole.Resident]);
        Assert.Equal(facilitators.ByRole[AllianceRole.Partner], residents.ByRole[AllianceRole.Partner]);
        Assert.Equal((facilitators.Answered, facilitators.Median, facilitators.Withheld), (residents.Answered, residents.Median, residents.Withheld));
        Assert.Equal(facilitators.Distribution?.OrderBy(d => d.Key), residents.Distribution?.OrderBy(d => d.Key));
    }

    [Fact]
    public void a_resident_is_never_a_members_role()
    {
        Assert.Equal(["role"], AddMemberUseCase.Validate(new AddMember("someone@example.org", "Someone", AllianceRole.Resident, null)).Keys);
        Assert.Equal(["role"], ChangeMemberRoleUseCase.Validate(new ChangeMemberRole(AllianceRole.Resident, null)).Keys);
        Assert.Equal("One of steward, partner, facilitator, commissioner.", AddMemberUseCase.Validate(new AddMember("s@example.org", "S", AllianceRole.Resident, null))["role"].Single());
    }
}
