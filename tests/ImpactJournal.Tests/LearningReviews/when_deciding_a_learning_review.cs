using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.LearningReviews;
using Xunit;

namespace ImpactJournal.Tests.LearningReviews;

/// <summary>The pure parts of each learning-review use case, with no host and no database.</summary>
public sealed class when_deciding_a_learning_review
{
    private static readonly Guid AllianceId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Earlier = DateTimeOffset.Parse("2026-11-01T10:00:00Z");

    private static LearningReview Review(bool closed = false, string? summary = null, IReadOnlyList<Adaptation>? adaptations = null,
        IReadOnlyList<Reflection>? reflections = null)
    {
        var opened = new LearningReviewOpened(Guid.CreateVersion7(), "Winter review", new DateOnly(2025, 11, 1), new DateOnly(2026, 1, 31), []);
        return new LearningReview(opened.ReviewId, opened.Title, opened.PeriodStart, opened.PeriodEnd, [], "facilitator", Earlier,
            reflections ?? [], adaptations ?? [], summary, closed ? "facilitator" : null, closed ? Earlier : null, opened);
    }

    private static Adaptation Adaptation(params ProgressNote[] progress) =>
        new(Guid.CreateVersion7(), "Tenants chair the meeting", "Harbour Housing", "steward", Earlier, progress);

    private static ProgressNote Note(AdaptationStatus status, string? note = null) => new(Guid.CreateVersion7(), status, note, "partner", Earlier);

    [Fact]
    public void opening_names_a_missing_body_title_and_period_by_field_and_trims_what_it_records()
    {
        Assert.Equal(["body"], OpenLearningReviewUseCase.Validate(null).Keys);
        var errors = OpenLearningReviewUseCase.Validate(new OpenLearningReview(null, " ", new DateOnly(2026, 3, 1), new DateOnly(2026, 1, 1), ["q"]));
        Assert.Equal(["periodEnd", "title"], errors.Keys.Order());

        var command = new OpenLearningReview(Guid.CreateVersion7(), " Spring review ", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), [" What surprised us? "]);
        Assert.Empty(OpenLearningReviewUseCase.Validate(command));
        var opened = OpenLearningReviewUseCase.Decide(command);
        Assert.Equal(command.Id, opened.ReviewId);
        Assert.Equal("Spring review", opened.Title);
        Assert.Equal(["What surprised us?"], opened.Questions);
    }

    [Fact]
    public void a_reflection_is_added_to_an_open_review_and_refused_once_it_closed()
    {
        Assert.Equal(["kind", "text"], AddReflectionUseCase.Validate(new AddReflection(null, null, " ")).Keys.Order());
        var command = new AddReflection(Guid.CreateVersion7(), ReflectionKind.Surprised, " The fridge became a meeting place. ");

        var added = AddReflectionUseCase.Decide(command, Review(), AllianceId, AllianceRole.Commissioner);
        var created = Assert.IsType<Outcome.Saved>(added.Outcome);
        Assert.True(created.IsNew);
        Assert.EndsWith($"/reflections/{command.Id}", created.Location);
        Assert.Equal(new ReflectionAdded(command.Id!.Value, ReflectionKind.Surprised, "The fridge became a meeting place.", AllianceRole.Commissioner), Assert.Single(added.Events));

        var refused = AddReflectionUseCase.Decide(command, Review(closed: true), AllianceId, AllianceRole.Commissioner);
        Assert.Equal("Review closed", Assert.IsType<Outcome.Conflict>(refused.Outcome).Title);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void a_reflection_sent_again_is_a_retry_and_its_id_with_other_words_a_conflict()
    {
        var earlier = new Reflection(Guid.CreateVersion7(), ReflectionKind.Noticed, "Tenants ran it.", "partner", Earlier);
        var review = Review(closed: true, reflections: [earlier]);

        var again = AddReflectionUseCase.Decide(new AddReflection(earlier.Id, ReflectionKind.Noticed, "Tenants ran it."), review, AllianceId, AllianceRole.Partner);
        Assert.IsType<Outcome.AlreadyThere>(again.Outcome);
        Assert.Empty(again.Events);
        var different = AddReflectionUseCase.Decide(new AddReflection(earlier.Id, ReflectionKind.Noticed, "Something else."), review, AllianceId, AllianceRole.Partner);
        Assert.Equal("This id is already used for something different", Assert.IsType<Outcome.Conflict>(different.Outcome).Title);
    }

    [Fact]
    public void an_adaptation_is_agreed_with_its_owner_or_none_and_refused_once_the_review_closed()
    {
        Assert.Equal(["owner", "text"], AgreeAdaptationUseCase.Validate(new AgreeAdaptation(null, "", new string('x', 201))).Keys.Order());
        var command = new AgreeAdaptation(Guid.CreateVersion7(), " Open the hall on Saturdays ", "  ");

        var agreed = AgreeAdaptationUseCase.Decide(command, Review(), AllianceId, AllianceRole.Commissioner);
        Assert.True(Assert.IsType<Outcome.Saved>(agreed.Outcome).IsNew);
        Assert.Equal(new AdaptationAgreed(command.Id!.Value, "Open the hall on Saturdays", null, AllianceRole.Commissioner), Assert.Single(agreed.Events));
        Assert.IsType<Outcome.Conflict>(AgreeAdaptationUseCase.Decide(command, Review(closed: true), AllianceId, AllianceRole.Commissioner).Outcome);
    }

    [Fact]
    public void progress_is_recorded_also_after_the_review_closed_but_only_on_an_adaptation_of_the_review()
    {
        Assert.Equal(["expectedVersion", "status"], RecordProgressUseCase.Validate(new RecordProgress(null, null, null, -1)).Keys.Order());
        var adaptation = Adaptation();
        var command = new RecordProgress(Guid.CreateVersion7(), AdaptationStatus.Trying, " Two Saturdays so far ");

        var recorded = RecordProgressUseCase.Decide(command, adaptation.Id, Review(closed: true, adaptations: [adaptation]), AllianceId);
        Assert.True(Assert.IsType<Outcome.Saved>(recorded.Outcome).IsNew);
        Assert.Equal(new AdaptationProgressed(adaptation.Id, command.Id!.Value, AdaptationStatus.Trying, "Two Saturdays so far"), Assert.Single(recorded.Events));

        var elsewhere = RecordProgressUseCase.Decide(command, Guid.CreateVersion7(), Review(adaptations: [adaptation]), AllianceId);
        Assert.IsType<Outcome.NotFound>(elsewhere.Outcome);
        Assert.Empty(elsewhere.Events);
    }

    [Fact]
    public void progress_from_a_form_that_showed_fewer_notes_than_there_are_is_stale_and_says_how_many_there_are()
    {
        var adaptation = Adaptation(Note(AdaptationStatus.Trying, "First Saturday"));
        var review = Review(adaptations: [adaptation]);

        var stale = RecordProgressUseCase.Decide(new RecordProgress(Guid.CreateVersion7(), AdaptationStatus.Dropped, null, ExpectedVersion: 0),
            adaptation.Id, review, AllianceId);
        var conflict = Assert.IsType<Outcome.Conflict>(stale.Outcome);
        Assert.Equal(1, conflict.CurrentVersion);
        Assert.Equal(adaptation, conflict.Current);
        Assert.Empty(stale.Events);

        var current = RecordProgressUseCase.Decide(new RecordProgress(Guid.CreateVersion7(), AdaptationStatus.Dropped, null, ExpectedVersion: 1),
            adaptation.Id, review, AllianceId);
        Assert.Single(current.Events);
        var unversioned = RecordProgressUseCase.Decide(new RecordProgress(Guid.CreateVersion7(), AdaptationStatus.Dropped, null), adaptation.Id, review, AllianceId);
        Assert.Single(unversioned.Events);
    }

    [Fact]
    public void a_reflection_or_another_adaptation_does_not_make_a_progress_form_stale_and_a_retry_is_never_stale()
    {
        var first = Note(AdaptationStatus.Trying);
        var adaptation = Adaptation(first);
        var busy = Review(adaptations: [Adaptation(Note(AdaptationStatus.Embedded), Note(AdaptationStatus.Dropped)), adaptation],
            reflections: [new Reflection(Guid.CreateVersion7(), ReflectionKind.Question, "Why?", "partner", Earlier)]);

        Assert.Single(RecordProgressUseCase.Decide(new RecordProgress(Guid.CreateVersion7(), AdaptationStatus.Embedded, null, 1), adaptation.Id, busy, AllianceId).Events);
        var retry = RecordProgressUseCase.Decide(new RecordProgress(first.Id, AdaptationStatus.Trying, null, 0), adaptation.Id, busy, AllianceId);
        Assert.IsType<Outcome.AlreadyThere>(retry.Outcome);
    }

    [Fact]
    public void closing_records_the_summary_once_and_refuses_a_different_one_afterwards()
    {
        Assert.Equal(["summary"], CloseLearningReviewUseCase.Validate(new CloseLearningReview(new string('x', 20_001))).Keys);
        var open = Review();

        var closing = CloseLearningReviewUseCase.Decide(new CloseLearningReview(" We learned to listen. "), open, AllianceId);
        Assert.Equivalent(new { open.Id, status = "closed" }, Assert.IsType<Outcome.Saved>(closing.Outcome).Body);
        Assert.Equal(new LearningReviewClosed("We learned to listen."), Assert.Single(closing.Events));

        var closed = Review(closed: true, summary: "We learned to listen.");
        var again = CloseLearningReviewUseCase.Decide(new CloseLearningReview("We learned to listen."), closed, AllianceId);
        Assert.IsType<Outcome.Saved>(again.Outcome);
        Assert.Empty(again.Events);
        Assert.IsType<Outcome.Conflict>(CloseLearningReviewUseCase.Decide(new CloseLearningReview("Something else"), closed, AllianceId).Outcome);
    }
}
