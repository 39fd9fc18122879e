using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Journal;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

/// <summary>
/// Review of issue 29 (outside reviewer): readers who know the roster AND took part themselves, or who read the
/// unattributed examples beside the role counts. Each test is a concrete reproduction of a way to pin one person.
/// </summary>
public sealed class when_a_member_reads_a_round_they_answered
{
    private static readonly Imperative Imperative = new(Guid.NewGuid(), "We share information before we are asked");

    private static CheckInRound Round(params (string Subject, AllianceRole Role, int? Rating, string? Example)[] answers)
    {
        var round = CheckInRound.Create(new Event<CheckInRoundOpened>(new CheckInRoundOpened(Guid.NewGuid(), "Q", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31))));
        foreach (var (subject, role, rating, example) in answers)
            round = round.Apply(new Event<CheckInAnswered>(new CheckInAnswered(round.Id, role,
                [new ImperativeAnswer(Imperative.Id, rating, example, example is null ? null : new Consent(ConsentScope.Commissioners, false), null)]))
            { UserName = subject, Timestamp = DateTimeOffset.UnixEpoch });
        return round.Apply(new Event<CheckInRoundClosed>(new CheckInRoundClosed(round.Id)) { Timestamp = DateTimeOffset.UnixEpoch });
    }

    private static Alliance Roster(params (string Subject, AllianceRole Role)[] members) =>
        new(Guid.Empty, "A", AgreementType.AllianceContract, "purpose", 1, [],
            [.. members.Select(m => new Member(m.Subject, m.Subject, m.Role, null))], [Imperative], "s", DateTimeOffset.UnixEpoch);

    /// <summary>
    /// Roster: 3 partners, 2 stewards, 1 commissioner (the intruder). Partners answer 1, 3, 5; both stewards 5; the
    /// commissioner 3. Published: the distribution {1:1, 3:2, 5:3} and the partners' median 3 (the role median check
    /// finds nothing to pin for a reader who did not answer). The commissioner takes their own 3 away: the others gave
    /// {1, 3, 5, 5, 5}, and the only three of those with median 3 are 1, 3, 5 — so both stewards answered 5.
    /// </summary>
    [Fact]
    public void a_commissioner_who_answered_cannot_take_their_own_answer_away_and_pin_the_stewards()
    {
        var ratings = ImperativeRatings.Of([
            new(AllianceRole.Partner, 1), new(AllianceRole.Partner, 3), new(AllianceRole.Partner, 5),
            new(AllianceRole.Steward, 5), new(AllianceRole.Steward, 5), new(AllianceRole.Commissioner, 3)]);

        var pinned = ratings.Distribution is not null && ratings.ByRole[AllianceRole.Partner].Median is 3.0;
        Assert.False(pinned, "distribution {1:1,3:2,5:3} beside the partners' median 3: the commissioner who said 3 learns both stewards said 5");
    }

    /// <summary>
    /// Five answered: a commissioner (the intruder) 1, the four others 4. The distribution {1:1, 4:4} is shown (it is
    /// not everyone's consensus), and the commissioner, taking their own 1 away, knows each of the other four said 4 —
    /// a "consensus" of four, below the 5 the exception asks for.
    /// </summary>
    [Fact]
    public void everyone_but_the_reader_agreeing_is_not_shown_below_five_others()
    {
        var ratings = ImperativeRatings.Of([
            new(AllianceRole.Commissioner, 1), new(AllianceRole.Partner, 4), new(AllianceRole.Partner, 4),
            new(AllianceRole.Steward, 4), new(AllianceRole.Facilitator, 4)]);

        var largest = ratings.Distribution?.Values.Max() ?? 0;
        Assert.False(ratings.Distribution is not null && largest == ratings.Answered - 1 && largest < ImperativeRatings.FewestShown,
            "the distribution {1:1, 4:4} tells the one who said 1 that the four others all said 4");
    }

    /// <summary>
    /// Roster: 3 partners, 3 facilitators, 1 commissioner. All answer; a partner and the commissioner write an example. Every
    /// role but the commissioners' has 3 or more, so once the partner's example reads "from a partner", the one without a role is the commissioner's — the only
    /// commissioner in the roster. (With several roles under 3, "&lt;3" is also recoverable as answered minus the
    /// counts shown.)
    /// </summary>
    [Fact]
    public void no_example_names_a_role_when_the_examples_without_one_would_come_from_one_or_two_people()
    {
        var alliance = Roster(("p1", AllianceRole.Partner), ("p2", AllianceRole.Partner), ("p3", AllianceRole.Partner),
            ("f1", AllianceRole.Facilitator), ("f2", AllianceRole.Facilitator), ("f3", AllianceRole.Facilitator), ("c1", AllianceRole.Commissioner));
        var round = Round(("p1", AllianceRole.Partner, 4, "We heard about the bid in time to join it."), ("p2", AllianceRole.Partner, 4, null), ("p3", AllianceRole.Partner, 2, null),
            ("f1", AllianceRole.Facilitator, 3, null), ("f2", AllianceRole.Facilitator, 5, null), ("f3", AllianceRole.Facilitator, 4, null),
            ("c1", AllianceRole.Commissioner, 1, "Nobody told us about the closure until it was in the paper."));

        var shown = GetCheckInSummaryEndpoint.Summarise(round, alliance, new Viewer(AllianceRole.Partner, new DateOnly(2026, 12, 7))).Imperatives.Single();

        // Answered 7 less the counts shown (3 + 3): one person answered in a role under 3. Were any example to name its
        // role, one without a role would be that person's; with none named, the example could be anyone's of the 7.
        Assert.Equal(7, shown.Answered);
        Assert.Equal(2, shown.Examples.Count);
        Assert.All(shown.Examples, e => Assert.Null(e.Role));
    }

    /// <summary>
    /// A round closed with one answer (a commissioner's, the alliance's only one): byRole lists "commissioner": "&lt;3",
    /// so the example shown is theirs. Suggestions ("would help") are held back until 5 answered; examples are not.
    /// </summary>
    [Fact]
    public void a_round_closed_with_one_answer_shows_no_example_that_byRole_pins_on_its_author()
    {
        var alliance = Roster(("p1", AllianceRole.Partner), ("p2", AllianceRole.Partner), ("c1", AllianceRole.Commissioner));
        var round = Round(("c1", AllianceRole.Commissioner, 1, "They never ask us before deciding."));

        var shown = GetCheckInSummaryEndpoint.Summarise(round, alliance, new Viewer(AllianceRole.Partner, new DateOnly(2026, 12, 7))).Imperatives.Single();

        Assert.Equal(["commissioner"], shown.ByRole.Keys);
        Assert.Empty(shown.Examples);
    }
}
