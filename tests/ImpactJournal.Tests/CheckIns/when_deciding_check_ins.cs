using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

/// <summary>The pure parts of opening, answering and closing a round of check-ins, with no host and no database.</summary>
public sealed class when_deciding_check_ins
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private static readonly Imperative Sharing = new(Guid.CreateVersion7(), "We share information before we are asked");
    private static readonly Alliance Alliance = new(Guid.CreateVersion7(), "Northfield", AgreementType.AllianceContract, "Nobody goes hungry", 1,
        [], [], [Sharing], "steward", Now);
    private static readonly Member Partner = new("partner@example.org", "Sam", AllianceRole.Partner, null);
    private static readonly Member Commissioner = new("commissioner@example.org", "Tom", AllianceRole.Commissioner, null);

    private static CheckInRound Round(bool closed = false, Dictionary<string, CheckInResponse>? responses = null) =>
        new(Guid.CreateVersion7(), "Spring check-in", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), "steward", Now.AddDays(-7),
            responses ?? [], closed ? Now.AddDays(-1) : null);

    private static AnswerCheckIn Answer(int? rating, string? example = null) =>
        new([new AnswerInput(Sharing.Id, rating, example, example is null ? null : new ConsentInput(ConsentScope.Alliance, false), " Monthly huddles ")]);

    [Fact]
    public void opening_names_a_missing_body_title_and_period_by_field_and_records_the_round_under_its_id()
    {
        Assert.Equal(["body"], OpenCheckInRoundUseCase.Validate(null).Keys);
        Assert.Equal(["periodEnd", "title"], OpenCheckInRoundUseCase.Validate(new OpenCheckInRound(null, "", new DateOnly(2026, 5, 1), new DateOnly(2026, 3, 1))).Keys.Order());

        var command = new OpenCheckInRound(Guid.CreateVersion7(), " Spring check-in ", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31));
        Assert.Empty(OpenCheckInRoundUseCase.Validate(command));
        Assert.Equal(new CheckInRoundOpened(command.Id!.Value, "Spring check-in", command.PeriodStart!.Value, command.PeriodEnd!.Value),
            OpenCheckInRoundUseCase.Decide(command));
    }

    [Fact]
    public void answers_name_unknown_or_repeated_imperatives_ratings_off_the_scale_and_examples_without_consent()
    {
        Assert.Equal(["body"], AnswerCheckInUseCase.Validate(new AnswerCheckIn(null), Alliance).Keys);
        var command = new AnswerCheckIn([
            new AnswerInput(Sharing.Id, 6, "An example", null, null),
            new AnswerInput(Sharing.Id, 3, null, null, null),
            new AnswerInput(Guid.CreateVersion7(), null, null, null, null),
            null]);
        Assert.Equal(["answers[0].exampleConsent.identifiable", "answers[0].exampleConsent.scope", "answers[0].rating", "answers[1].imperativeId", "answers[2].imperativeId", "answers[3]"],
            AnswerCheckInUseCase.Validate(command, Alliance).Keys.Order());
        Assert.Empty(AnswerCheckInUseCase.Validate(Answer(4, "They called us first"), Alliance));
    }

    [Fact]
    public void a_members_answers_are_recorded_with_their_role_and_only_their_own_come_back()
    {
        var round = Round(responses: new() { [Commissioner.Subject] = new(AllianceRole.Commissioner, [new(Sharing.Id, 1, null, null, null)], Now) });

        var answered = AnswerCheckInUseCase.Decide(Answer(4, " They called us first "), round, Partner, Alliance.Id, Now);

        var recorded = Assert.IsType<CheckInAnswered>(Assert.Single(answered.Events));
        Assert.Equal(AllianceRole.Partner, recorded.Role);
        Assert.Equal([new ImperativeAnswer(Sharing.Id, 4, "They called us first", new Consent(ConsentScope.Alliance, false), "Monthly huddles")], recorded.Answers);
        var mine = Assert.IsType<MyCheckInAnswers>(Assert.IsType<Outcome.Saved>(answered.Outcome).Body);
        Assert.Equal("open", mine.Status);
        Assert.Equal(recorded.Answers, mine.Answers);
        Assert.DoesNotContain(mine.Answers, a => a.Rating == 1);
    }

    [Fact]
    public void the_same_answers_again_change_nothing_even_once_the_round_closed_but_new_ones_are_refused_then()
    {
        var earlier = AnswerCheckInUseCase.Decide(Answer(3), Round(), Partner, Alliance.Id, Now);
        var answers = Assert.IsType<CheckInAnswered>(Assert.Single(earlier.Events)).Answers;
        var closed = Round(closed: true, responses: new() { [Partner.Subject] = new(AllianceRole.Partner, answers, Now) });

        var again = AnswerCheckInUseCase.Decide(Answer(3), closed, Partner, Alliance.Id, Now);
        Assert.Equal("closed", Assert.IsType<MyCheckInAnswers>(Assert.IsType<Outcome.Saved>(again.Outcome).Body).Status);
        Assert.Empty(again.Events);

        var changed = AnswerCheckInUseCase.Decide(Answer(5), closed, Partner, Alliance.Id, Now);
        Assert.Equal("Round closed", Assert.IsType<Outcome.Conflict>(changed.Outcome).Title);
        Assert.Empty(changed.Events);
    }

    [Fact]
    public void closing_closes_an_open_round_once()
    {
        var open = Round();
        var closing = CloseCheckInRoundUseCase.Decide(open, Alliance.Id);
        Assert.Equivalent(new { id = open.Id, status = "closed" }, Assert.IsType<Outcome.Saved>(closing.Outcome).Body);
        Assert.Equal(new CheckInRoundClosed(open.Id), Assert.Single(closing.Events));

        var again = CloseCheckInRoundUseCase.Decide(Round(closed: true), Alliance.Id);
        Assert.IsType<Outcome.Saved>(again.Outcome);
        Assert.Empty(again.Events);
    }
}
