using ImpactJournal.Access;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using Xunit;

namespace ImpactJournal.Tests.LearningReviews;

/// <summary>What a review's period holds, computed with no host: its weeks, capitals and valence, and the stories told, for each reader.</summary>
public sealed class when_gathering_a_reviews_evidence
{
    private static readonly DateOnly Start = new(2026, 10, 1); // a Thursday
    private static readonly DateOnly End = new(2026, 10, 31);

    private static ReviewSummary Summary(IReadOnlyList<ObservationFact> facts, Viewer viewer)
    {
        var opened = new LearningReviewOpened(Guid.CreateVersion7(), "October review", Start, End, []);
        var review = new LearningReview(opened.ReviewId, opened.Title, Start, End, [], "facilitator", DateTimeOffset.UnixEpoch, [], [], null, null, null, opened);
        return ReviewSummary.Build(review, null, facts, new Dictionary<Guid, string>(), [], [], [], viewer);
    }

    private static ObservationFact Week(DateOnly monday, int count, Valence valence, bool identifiable, params CommunityCapital[] capitals) =>
        new(Guid.Empty, monday, [], capitals, identifiable, false, count, valence);

    private static readonly IReadOnlyList<ObservationFact> Facts =
    [
        Week(new DateOnly(2026, 9, 28), 12, Valence.Generative, false, CommunityCapital.Social),
        Week(new DateOnly(2026, 10, 12), 2, Valence.Degenerative, true, CommunityCapital.Built),
        Week(new DateOnly(2026, 10, 26), 6, Valence.Generative, false, CommunityCapital.Social, CommunityCapital.Human),
    ];

    [Fact]
    public void the_weeks_run_from_the_monday_before_the_period_to_its_last_day_with_every_count_for_the_alliance()
    {
        var partner = new Viewer(AllianceRole.Partner, End);
        var evidence = ReviewEvidence.Build(Summary([], partner), Facts, 3, [], partner);

        Assert.Equal([new DateOnly(2026, 9, 28), new(2026, 10, 5), new(2026, 10, 12), new(2026, 10, 19), new(2026, 10, 26)],
            evidence.Weeks.Select(w => w.WeekStarting));
        Assert.Equal([12, 0, 2, 0, 6], evidence.Weeks.Select(w => w.Count));
        Assert.Equal(18, evidence.Capitals.Single(c => c.Capital == CommunityCapital.Social).Count);
        Assert.Equal(6, evidence.Capitals.Single(c => c.Capital == CommunityCapital.Human).Count);
        Assert.Equal(2, evidence.Capitals.Single(c => c.Capital == CommunityCapital.Built).Count);
        Assert.Equal([18, 2, 0, 0], evidence.Valences.Select(v => v.Count));
        Assert.Equal(3, evidence.StoriesTold);
    }

    [Fact]
    public void a_commissioner_reads_fewer_than_5_where_a_count_could_point_at_someone_and_never_works_it_back_from_the_rest()
    {
        var commissioner = new Viewer(AllianceRole.Commissioner, End);
        var evidence = ReviewEvidence.Build(Summary([], commissioner), Facts, 3, [], commissioner);

        Assert.Equal(SmallNumbers.Suppressed, evidence.Weeks[2].Count);
        Assert.Equal(SmallNumbers.Suppressed, evidence.Capitals.Single(c => c.Capital == CommunityCapital.Built).Count);
        Assert.Equal(SmallNumbers.Suppressed, evidence.Valences.Single(v => v.Valence == Valence.Degenerative).Count);
        // The total is known elsewhere, so the weeks and the valences each withhold another cell rather than give the small one back.
        CountCell[] weeks = [new(12, false), new(0, false), new(2, true), new(0, false), new(6, false)];
        Assert.False(SmallNumbers.Recoverable(20, weeks, [.. evidence.Weeks.Select(w => w.Count)]));
        Assert.Contains(SmallNumbers.Withheld, evidence.Weeks.Select(w => w.Count));
        CountCell[] valences = [new(18, false), new(2, true), new(0, false), new(0, false)];
        Assert.False(SmallNumbers.Recoverable(20, valences, [.. evidence.Valences.Select(v => v.Count)]));
        // A story is a person's: a few read "fewer than 5", however the tellers answered "could it identify someone?".
        Assert.Equal(SmallNumbers.Suppressed, evidence.StoriesTold);
        Assert.Equal(7, ReviewEvidence.Build(Summary([], commissioner), Facts, 7, [], commissioner).StoriesTold);
        Assert.Equal(0, ReviewEvidence.Build(Summary([], commissioner), Facts, 0, [], commissioner).StoriesTold);
    }
}
