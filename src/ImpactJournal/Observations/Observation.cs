using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using System.Text.Json.Serialization;
using JasperFx.Events;

namespace ImpactJournal.Observations;

public sealed record Amendment(DateTimeOffset At, string? By, ObservationAmended Changes);

public sealed record Retraction(string Reason, DateTimeOffset At, string? By);

/// <summary>
/// An observation as it stands, with its amendment history. Projected asynchronously from the
/// observation's stream; reads of one observation fetch it live, so they never lag.
/// After consent withdrawal only its id, partner and dates remain.
/// </summary>
public sealed record Observation(
    Guid Id,
    string? Text,
    DateTimeOffset ObservedAt,
    string? Place,
    IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals,
    Valence Valence,
    Guid PartnerId,
    Consent Consent,
    string? LoggedBy,
    DateTimeOffset LoggedAt,
    long Sequence,
    IReadOnlyList<Amendment> Amendments,
    Retraction? Retraction,
    DateTimeOffset? WithdrawnAt) : IConsentedRecord
{
    /// <summary>The other partners involved (organisations, so consent withdrawal leaves them).</summary>
    public IReadOnlyList<Guid> WithPartners { get; init; } = [];

    /// <summary>The version of its stream this state was built from: an edit sent with an older one was made on a stale copy.</summary>
    public long Version { get; init; }

    /// <summary>
    /// <see cref="ObservedAt"/> and <see cref="LoggedAt"/> in UTC, in columns of their own (see
    /// <see cref="ObservationConfiguration"/>) that the lists are filtered and ordered by: PostgreSQL indexes them as
    /// they are, where a moment kept as text in the JSON is parsed by a function for each row. Not part of the JSON.
    /// </summary>
    [JsonIgnore] public DateTimeOffset ObservedAtUtc => ObservedAt.ToUniversalTime();

    /// <inheritdoc cref="ObservedAtUtc"/>
    [JsonIgnore] public DateTimeOffset LoggedAtUtc => LoggedAt.ToUniversalTime();

    public bool Retracted => Retraction is not null;
    public bool Withdrawn => WithdrawnAt is not null;

    public static Observation Create(IEvent<ObservationLogged> logged)
    {
        var e = logged.Data;
        return new Observation(e.ObservationId, e.Text, e.ObservedAt, e.Place, e.Themes, e.Capitals, e.Valence,
            e.PartnerId, e.Consent, logged.UserName, logged.Timestamp, logged.Sequence, [], null, null)
        {
            WithPartners = e.WithPartners ?? [],
            Version = logged.Version
        };
    }

    public Observation Apply(IEvent<ObservationAmended> amended)
    {
        var change = amended.Data;
        return this with
        {
            Text = change.Text ?? Text,
            Themes = change.Themes ?? Themes,
            Capitals = change.Capitals ?? Capitals,
            Valence = change.Valence ?? Valence,
            WithPartners = change.WithPartners ?? WithPartners,
            Amendments = [.. Amendments, new Amendment(amended.Timestamp, amended.UserName, change)],
            Version = amended.Version
        };
    }

    public Observation Apply(IEvent<ObservationRetracted> retracted) =>
        this with { Retraction = new Retraction(retracted.Data.Reason, retracted.Timestamp, retracted.UserName), Version = retracted.Version };

    public Observation Apply(IEvent<ObservationConsentWithdrawn> withdrawn) => this with
    {
        Text = null,
        Place = null,
        Themes = [],
        Amendments = [],
        Retraction = Retraction is null ? null : Retraction with { Reason = "" },
        WithdrawnAt = withdrawn.Timestamp,
        Version = withdrawn.Version
    };

    /// <summary>Partners change only their own organisation's notes; stewards and facilitators any.</summary>
    public bool MayBeChangedBy(Member member) =>
        member.Role is AllianceRole.Steward or AllianceRole.Facilitator
        || (member.Role == AllianceRole.Partner && member.PartnerId == PartnerId);
}
