using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using System.Text.Json.Serialization;
using JasperFx.Events;

namespace ImpactJournal.Observations;

public sealed record Amendment(DateTimeOffset At, string? By, ObservationAmended Changes);

public sealed record Retraction(string Reason, DateTimeOffset At, string? By);

/// <summary>
/// One version of an observation: its content from one moment (<see cref="At"/>, by <see cref="By"/>) until the next
/// amendment. The first is as it was logged; each later one names the fields its amendment changed (as the API spells
/// them) in <see cref="Changed"/>.
/// </summary>
public sealed record ObservationVersion(
    int Number,
    DateTimeOffset At,
    string? By,
    IReadOnlyList<string> Changed,
    string? Text,
    DateTimeOffset ObservedAt,
    string? Place,
    IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals,
    Valence Valence,
    ConsentScope Scope,
    IReadOnlyList<Guid> WithPartners);

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

    /// <summary>
    /// Every version of its content, oldest first, kept once it has been amended (null before: its one version is what
    /// it says now, which <see cref="WithVersions"/> gives readers). Erased with the rest of its words on withdrawal.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ObservationVersion>? Versions { get; init; }

    /// <summary>
    /// The themes in the words the observation was coded with, when the codebook has since renamed or merged any of them
    /// (then <see cref="Themes"/> reads the current names); null otherwise. Set only on reads, see <see cref="InCodebook"/>.
    /// </summary>
    public IReadOnlyList<string>? CodedWith { get; init; }

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

    /// <summary>The observation as lists and pages show it: its themes under the codebook's current names (its history keeps the words recorded).</summary>
    public Observation InCodebook(Codebook.AllianceCodebook codebook)
    {
        var current = codebook.CurrentNamesOf(Themes);
        return current.SequenceEqual(Themes) ? this : this with { Themes = current, CodedWith = Themes };
    }

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
        var after = this with
        {
            Text = change.Text ?? Text,
            ObservedAt = change.ObservedAt ?? ObservedAt,
            Place = change.Place is null ? Place : change.Place.Length == 0 ? null : change.Place,
            Themes = change.Themes ?? Themes,
            Capitals = change.Capitals ?? Capitals,
            Valence = change.Valence ?? Valence,
            Consent = change.Scope is { } scope ? Consent with { Scope = scope } : Consent,
            WithPartners = change.WithPartners ?? WithPartners,
            Amendments = [.. Amendments, new Amendment(amended.Timestamp, amended.UserName, change)],
            Version = amended.Version
        };
        // Before its first amendment, what it says is what was logged.
        var earlier = Versions ?? [AsVersion(1, LoggedAt, LoggedBy, [])];
        return after with { Versions = [.. earlier, after.AsVersion(earlier.Count + 1, amended.Timestamp, amended.UserName, ChangedFields(change))] };
    }

    /// <summary>This observation with its versions for a reader: the one it has when it was never amended.</summary>
    public Observation WithVersions() => Withdrawn || Versions is not null ? this : this with { Versions = [AsVersion(1, LoggedAt, LoggedBy, [])] };

    private ObservationVersion AsVersion(int number, DateTimeOffset at, string? by, IReadOnlyList<string> changed) =>
        new(number, at, by, changed, Text, ObservedAt, Place, Themes, Capitals, Valence, Consent.Scope, WithPartners);

    private static IReadOnlyList<string> ChangedFields(ObservationAmended change) =>
    [
        .. new (string Field, bool Changed)[]
        {
            ("text", change.Text is not null), ("observedAt", change.ObservedAt is not null), ("place", change.Place is not null),
            ("themes", change.Themes is not null), ("capitals", change.Capitals is not null), ("valence", change.Valence is not null),
            ("consent.scope", change.Scope is not null), ("withPartners", change.WithPartners is not null)
        }.Where(f => f.Changed).Select(f => f.Field)
    ];

    public Observation Apply(IEvent<ObservationRetracted> retracted) =>
        this with { Retraction = new Retraction(retracted.Data.Reason, retracted.Timestamp, retracted.UserName), Version = retracted.Version };

    public Observation Apply(IEvent<ObservationConsentWithdrawn> withdrawn) => this with
    {
        Text = null,
        Place = null,
        Themes = [],
        Amendments = [],
        Versions = null,
        Retraction = Retraction is null ? null : Retraction with { Reason = "" },
        WithdrawnAt = withdrawn.Timestamp,
        Version = withdrawn.Version
    };

    /// <summary>
    /// Whether the member reads the words of its earlier versions (what was amended away): only its own partner
    /// organisation and the stewards. Amended-away words were often amended away because they should not be read.
    /// </summary>
    public bool ShowsEarlierWordsTo(Member member) =>
        member.Role == AllianceRole.Steward || (member.Role == AllianceRole.Partner && member.PartnerId == PartnerId);

    /// <summary>
    /// The observation as the member may read it: readers other than <see cref="ShowsEarlierWordsTo"/> see when each
    /// version came and which parts changed, with no earlier version's text, place or themes (in <see cref="Versions"/>
    /// and in <see cref="Amendments"/>' changes).
    /// </summary>
    public Observation ForReader(Member member) => ShowsEarlierWordsTo(member) ? this : this with
    {
        Versions = Versions is null ? null : [.. Versions.Select((v, i) => i == Versions.Count - 1 ? v : v with { Text = null, Place = null, Themes = [] })],
        Amendments = [.. Amendments.Select(a => a with { Changes = a.Changes with { Text = null, Place = null, Themes = null } })]
    };

    /// <summary>Partners change only their own organisation's notes; stewards and facilitators any.</summary>
    public bool MayBeChangedBy(Member member) =>
        member.Role is AllianceRole.Steward or AllianceRole.Facilitator
        || (member.Role == AllianceRole.Partner && member.PartnerId == PartnerId);
}
