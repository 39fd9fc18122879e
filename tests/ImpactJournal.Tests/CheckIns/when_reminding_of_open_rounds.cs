using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using Xunit;

namespace ImpactJournal.Tests.CheckIns;

/// <summary>Which open rounds a steward is reminded to close, and which wait for a member's answers: no host, no database.</summary>
public sealed class when_reminding_of_open_rounds
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static CheckInRound Round(string title, DateOnly end, bool closed = false, params string[] answeredBy) => new(
        Guid.CreateVersion7(), title, end.AddMonths(-3), end, "steward@example.org", DateTimeOffset.Parse("2025-07-01T09:00:00Z"),
        answeredBy.ToDictionary(s => s, _ => new CheckInResponse(AllianceRole.Partner, [], DateTimeOffset.Parse("2025-07-02T09:00:00Z"))),
        closed ? DateTimeOffset.Parse("2025-10-10T09:00:00Z") : null);

    [Fact]
    public void a_steward_is_reminded_only_of_open_rounds_whose_period_has_ended_the_longest_overdue_first()
    {
        var summer = Round("Summer", new(2025, 9, 30));
        var spring = Round("Spring", new(2025, 3, 31));
        var closed = Round("Closed", new(2025, 6, 30), closed: true);
        var current = Round("Current", Today);
        Assert.Equal([spring, summer], CheckInReminders.PastTheirPeriod([summer, closed, current, spring], Today));
    }

    [Fact]
    public void a_member_sees_the_open_rounds_they_have_not_answered()
    {
        var answered = Round("Answered", Today, answeredBy: "dan@example.org");
        var waiting = Round("Waiting", Today, answeredBy: "leah@example.org");
        var closed = Round("Closed", new(2025, 6, 30), closed: true);
        Assert.Equal([waiting], CheckInReminders.AwaitingAnswerFrom([answered, waiting, closed], "dan@example.org"));
    }
}
