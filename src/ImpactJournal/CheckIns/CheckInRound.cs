using ImpactJournal.Access;
using JasperFx.Events;

namespace ImpactJournal.CheckIns;

/// <summary>One member's current answers in a round.</summary>
public sealed record CheckInResponse(AllianceRole Role, IReadOnlyList<ImperativeAnswer> Answers, DateTimeOffset At);

/// <summary>
/// A round of check-ins: each member's latest answers, by subject. Individual ratings never leave it except to the
/// person who gave them; everyone else sees <see cref="ImperativeRatings"/>. Snapshotted inline; answers are
/// replaceable until the round closes.
/// </summary>
public sealed record CheckInRound(
    Guid Id,
    string Title,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string? OpenedBy,
    DateTimeOffset OpenedAt,
    IReadOnlyDictionary<string, CheckInResponse> Responses,
    DateTimeOffset? ClosedAt)
{
    public bool Closed => ClosedAt is not null;

    public static CheckInRound Create(IEvent<CheckInRoundOpened> opened) =>
        new(opened.Data.RoundId, opened.Data.Title, opened.Data.PeriodStart, opened.Data.PeriodEnd, opened.UserName, opened.Timestamp,
            new Dictionary<string, CheckInResponse>(), null);

    public CheckInRound Apply(IEvent<CheckInAnswered> answered) => this with
    {
        Responses = new Dictionary<string, CheckInResponse>(Responses)
        {
            [answered.UserName ?? ""] = new CheckInResponse(answered.Data.Role, answered.Data.Answers, answered.Timestamp)
        }
    };

    public CheckInRound Apply(IEvent<ResidentAnsweredCheckIn> answered) => this with
    {
        Responses = new Dictionary<string, CheckInResponse>(Responses)
        {
            [ResidentKey(answered.Data.ResidentAnswerId)] = new CheckInResponse(AllianceRole.Resident, answered.Data.Answers, answered.Timestamp)
        }
    };

    public CheckInRound Apply(ResidentCheckInAnswersWithdrawn withdrawn)
    {
        var responses = new Dictionary<string, CheckInResponse>(Responses);
        responses.Remove(ResidentKey(withdrawn.ResidentAnswerId));
        return this with { Responses = responses };
    }

    /// <summary>Where a resident's answers are kept among the members' (keyed by subject): by the answers' own id.</summary>
    public static string ResidentKey(Guid residentAnswerId) => $"resident:{residentAnswerId}";

    /// <summary>How many members answered (residents are counted apart: they are not among the alliance's members).</summary>
    public int MembersAnswered => Responses.Values.Count(r => r.Role != AllianceRole.Resident);

    public int ResidentsAnswered => Responses.Values.Count(r => r.Role == AllianceRole.Resident);

    public CheckInRound Apply(IEvent<CheckInRoundClosed> closed) => this with { ClosedAt = closed.Timestamp };

    /// <summary>Every rating given on one imperative in this round, with the role of the person who gave it.</summary>
    public IReadOnlyList<Rating> RatingsOf(Guid imperativeId) =>
        [.. Responses.Values.SelectMany(r => r.Answers.Where(a => a.ImperativeId == imperativeId).Select(a => new Rating(r.Role, a.Rating)))];
}
