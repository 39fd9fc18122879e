using ImpactJournal.Journal;

namespace ImpactJournal.Stories;

public sealed record StoryTold(
    Guid StoryId,
    string Title,
    string Narrative,
    string TellerRole,
    DateOnly ToldOn,
    string? DomainOfChange,
    Consent Consent,
    Signifiers Signifiers,
    int? FrameworkVersion,
    Guid PartnerId,
    IReadOnlyList<string>? Themes = null)
{
    /// <summary>Value equality for idempotent retries (records compare collections by reference).</summary>
    public bool SameAs(StoryTold other) =>
        this with { Signifiers = Signifiers.None, Themes = null } == other with { Signifiers = Signifiers.None, Themes = null }
        && Signifiers.SameAs(other.Signifiers) && (Themes ?? []).SequenceEqual(other.Themes ?? []);
}

/// <summary>A most-significant-change panel selected the story, and why.</summary>
public sealed record StorySelected(Guid SelectionId, string Panel, string Reason);

/// <summary>The audit that consent was withdrawn; the story's content is masked in the event store.</summary>
public sealed record StoryConsentWithdrawn(string? Reason);
