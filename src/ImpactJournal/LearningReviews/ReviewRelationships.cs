using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using ImpactJournal.Network;

namespace ImpactJournal.LearningReviews;

/// <summary>
/// An imperative as the review's latest closed check-in round saw it: its median beside the round before, the direction of
/// the medians across every round up to the review's end (the indicator trends' method), the divergence between
/// roles, and the examples the reader's role may see.
/// </summary>
public sealed record ImperativeMovement(Guid ImperativeId, string Text, int Answered, double? Median, double? PreviousMedian,
    TrendDirection Direction, Divergence? Divergence, IReadOnlyList<CheckInExample> Examples, string DirectionWords);

public sealed record NewTie(Guid From, string FromName, Guid To, string ToName, DateOnly First);

/// <summary>
/// The review's "relationships" section: the closed check-in rounds whose period ended within the review's, how each
/// imperative moved, and how the collaboration network changed (its density at the period's end and the ties first
/// formed within it).
/// </summary>
public sealed record ReviewRelationships(IReadOnlyList<Guid> CheckIns, IReadOnlyList<ImperativeMovement> Imperatives, double Density,
    IReadOnlyList<NewTie> NewTies, int Ties = 0, int Partners = 0)
{
    public static ReviewRelationships Build(LearningReview review, Alliance alliance, IReadOnlyList<CheckInRound> rounds,
        CollaborationNetwork network, Viewer viewer)
    {
        bool InPeriod(DateOnly day) => day >= review.PeriodStart && day <= review.PeriodEnd;
        var upToEnd = rounds.Where(r => r.Closed && r.PeriodEnd <= review.PeriodEnd).OrderBy(r => r.PeriodEnd).ThenBy(r => r.OpenedAt).ToList();
        var within = upToEnd.Where(r => InPeriod(r.PeriodEnd)).ToList();
        var latest = within.LastOrDefault();
        var before = latest is null ? null : upToEnd.TakeWhile(r => r != latest).LastOrDefault();
        var summary = latest is null ? null : GetCheckInSummaryEndpoint.Summarise(latest, alliance, viewer);

        var imperatives = latest is null ? [] : alliance.Imperatives.Select(imperative =>
        {
            var now = summary!.Imperatives.Single(i => i.ImperativeId == imperative.Id);
            var previous = before is null ? null : ImperativeRatings.Of(before.RatingsOf(imperative.Id), roleMedians: false).Median;
            var trend = ReadCheckInRoundsEndpoint.TrendOf(imperative, upToEnd);
            return new ImperativeMovement(imperative.Id, imperative.Text, now.Answered, now.Median, previous, trend.Direction, now.Divergence, now.Examples,
                trend.DirectionWords);
        }).ToList();

        var names = alliance.Partners.ToDictionary(p => p.Id, p => p.Name);
        var newTies = network.Ties.Where(t => InPeriod(t.First)).OrderBy(t => t.First)
            .Select(t => new NewTie(t.From, names[t.From], t.To, names[t.To], t.First)).ToList();
        return new ReviewRelationships([.. within.Select(r => r.Id)], imperatives, network.Measures.Density, newTies, network.Ties.Count,
            alliance.Partners.Count);
    }
}
