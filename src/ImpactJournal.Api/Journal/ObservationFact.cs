namespace ImpactJournal.Journal;

/// <summary>The few fields of an observation that counts are made of (no text), read without loading whole documents.</summary>
public sealed record ObservationFact(
    Guid PartnerId,
    DateTimeOffset ObservedAt,
    IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals,
    bool Identifiable,
    bool Retracted);
