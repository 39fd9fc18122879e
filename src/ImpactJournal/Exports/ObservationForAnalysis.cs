using ImpactJournal.Journal;

namespace ImpactJournal.Exports;

/// <summary>
/// What an analysis project holds of one observation, read from its document (the fields it leaves out, such as its
/// history, are skipped): its words, when and where, how it was coded, whose, and the consent it was given under.
/// </summary>
public sealed record ObservationForAnalysis(
    Guid Id,
    string? Text,
    DateTimeOffset ObservedAt,
    string? Place,
    IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals,
    Valence Valence,
    Guid PartnerId,
    Consent Consent,
    DateTimeOffset LoggedAt);
