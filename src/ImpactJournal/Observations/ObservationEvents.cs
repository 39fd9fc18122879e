using ImpactJournal.Journal;

namespace ImpactJournal.Observations;

public sealed record ObservationLogged(
    Guid ObservationId,
    string Text,
    DateTimeOffset ObservedAt,
    string? Place,
    IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals,
    Valence Valence,
    Guid PartnerId,
    Consent Consent,
    IReadOnlyList<Guid>? WithPartners = null)
{
    /// <summary>Value equality for idempotent retries (records compare lists by reference).</summary>
    public bool SameAs(ObservationLogged other) =>
        ObservationId == other.ObservationId && Text == other.Text && ObservedAt == other.ObservedAt
        && Place == other.Place && Themes.SequenceEqual(other.Themes) && Capitals.SequenceEqual(other.Capitals)
        && Valence == other.Valence && PartnerId == other.PartnerId && Consent == other.Consent
        && (WithPartners ?? []).SequenceEqual(other.WithPartners ?? []);
}

/// <summary>
/// Only the fields that changed are set. <see cref="Place"/> is "" when the place was taken away; <see cref="Scope"/>
/// is only ever narrower than before (widening needs the teller's fresh consent, which an amendment cannot give).
/// </summary>
public sealed record ObservationAmended(
    string? Text,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<CommunityCapital>? Capitals,
    Valence? Valence,
    IReadOnlyList<Guid>? WithPartners = null,
    DateTimeOffset? ObservedAt = null,
    string? Place = null,
    ConsentScope? Scope = null);

public sealed record ObservationRetracted(string Reason);

/// <summary>
/// The audit that consent was withdrawn. The personal content of the stream's earlier events is
/// masked in the event store when this is recorded; this event itself holds no personal content.
/// </summary>
public sealed record ObservationConsentWithdrawn(string? Reason);
