using ImpactJournal.Access;

namespace ImpactJournal.LearningReviews;

public enum ReflectionKind
{
    Noticed,
    Surprised,
    Unsure,
    Question
}

public enum AdaptationStatus
{
    NotStarted,
    Trying,
    Embedded,
    Dropped
}

public sealed record LearningReviewOpened(Guid ReviewId, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<string> Questions)
{
    public bool SameAs(LearningReviewOpened other) => ReviewId == other.ReviewId && Title == other.Title
        && PeriodStart == other.PeriodStart && PeriodEnd == other.PeriodEnd && Questions.SequenceEqual(other.Questions);
}

/// <summary>A reflection, with the role of whoever wrote it (absent on reflections recorded before roles were kept).</summary>
public sealed record ReflectionAdded(Guid ReflectionId, ReflectionKind Kind, string Text, AllianceRole? ByRole = null);

/// <summary>An adaptation, with the role of whoever recorded it (absent on adaptations recorded before roles were kept).</summary>
public sealed record AdaptationAgreed(Guid AdaptationId, string Text, string? Owner, AllianceRole? ByRole = null);

/// <summary>Progress on an adaptation, recorded on the review that agreed it, also after that review closed.</summary>
public sealed record AdaptationProgressed(Guid AdaptationId, Guid ProgressId, AdaptationStatus Status, string? Note);

public sealed record LearningReviewClosed(string? Summary);
