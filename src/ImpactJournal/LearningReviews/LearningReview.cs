using ImpactJournal.Access;
using JasperFx.Events;

namespace ImpactJournal.LearningReviews;

public sealed record Reflection(Guid Id, ReflectionKind Kind, string Text, string? By, DateTimeOffset At, AllianceRole? ByRole = null);

public sealed record ProgressNote(Guid Id, AdaptationStatus Status, string? Note, string? By, DateTimeOffset At);

public sealed record Adaptation(Guid Id, string Text, string? Owner, string? AgreedBy, DateTimeOffset AgreedAt, IReadOnlyList<ProgressNote> Progress,
    AllianceRole? AgreedByRole = null)
{
    public ProgressNote? LatestProgress => Progress.Count == 0 ? null : Progress[^1];
}

/// <summary>
/// A Human Learning Systems learning cycle for a period: guiding questions, reflections,
/// adaptations agreed and their later progress. Snapshotted inline; read-only once closed except
/// for progress on its adaptations.
/// </summary>
public sealed record LearningReview(
    Guid Id,
    string Title,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<string> Questions,
    string? OpenedBy,
    DateTimeOffset OpenedAt,
    IReadOnlyList<Reflection> Reflections,
    IReadOnlyList<Adaptation> Adaptations,
    string? Summary,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    LearningReviewOpened Opened)
{
    public bool Closed => ClosedAt is not null;

    public static LearningReview Create(IEvent<LearningReviewOpened> opened)
    {
        var e = opened.Data;
        return new LearningReview(e.ReviewId, e.Title, e.PeriodStart, e.PeriodEnd, e.Questions, opened.UserName, opened.Timestamp,
            [], [], null, null, null, e);
    }

    public LearningReview Apply(IEvent<ReflectionAdded> added) => this with
    {
        Reflections = [.. Reflections, new Reflection(added.Data.ReflectionId, added.Data.Kind, added.Data.Text, added.UserName, added.Timestamp, added.Data.ByRole)]
    };

    public LearningReview Apply(IEvent<AdaptationAgreed> agreed) => this with
    {
        Adaptations = [.. Adaptations, new Adaptation(agreed.Data.AdaptationId, agreed.Data.Text, agreed.Data.Owner, agreed.UserName, agreed.Timestamp, [], agreed.Data.ByRole)]
    };

    public LearningReview Apply(IEvent<AdaptationProgressed> progressed)
    {
        var e = progressed.Data;
        return this with
        {
            Adaptations = [.. Adaptations.Select(a => a.Id != e.AdaptationId ? a
                : a with { Progress = [.. a.Progress, new ProgressNote(e.ProgressId, e.Status, e.Note, progressed.UserName, progressed.Timestamp)] })]
        };
    }

    public LearningReview Apply(IEvent<LearningReviewClosed> closed) =>
        this with { Summary = closed.Data.Summary, ClosedBy = closed.UserName, ClosedAt = closed.Timestamp };
}
