using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using JasperFx.Events;

namespace ImpactJournal.Stories;

public sealed record Selection(Guid Id, string Panel, string Reason, string? SelectedBy, DateTimeOffset SelectedAt);

/// <summary>A story as it stands with its selections; after consent withdrawal only its id and dates remain.</summary>
public sealed record Story(
    Guid Id,
    string? Title,
    string? Narrative,
    string? TellerRole,
    DateOnly ToldOn,
    string? DomainOfChange,
    Consent Consent,
    Signifiers? Signifiers,
    int? FrameworkVersion,
    Guid PartnerId,
    string? ToldBy,
    DateTimeOffset RecordedAt,
    long Sequence,
    IReadOnlyList<Selection> Selections,
    DateTimeOffset? WithdrawnAt,
    IReadOnlyList<string>? Themes = null) : IConsentedRecord
{
    public bool Withdrawn => WithdrawnAt is not null;

    /// <summary>
    /// The themes in the words the story was coded with, when the codebook has since renamed or merged any of them (then
    /// <see cref="Themes"/> reads the current names); null otherwise. Set only on reads, see <see cref="InCodebook"/>.
    /// </summary>
    public IReadOnlyList<string>? CodedWith { get; init; }

    /// <summary>The story as lists and pages show it: its themes under the codebook's current names (its events keep the words recorded).</summary>
    public Story InCodebook(Codebook.AllianceCodebook codebook)
    {
        var recorded = Themes ?? [];
        var current = codebook.CurrentNamesOf(recorded);
        return current.SequenceEqual(recorded) ? this : this with { Themes = current, CodedWith = recorded };
    }

    public static Story Create(IEvent<StoryTold> told)
    {
        var e = told.Data;
        return new Story(e.StoryId, e.Title, e.Narrative, e.TellerRole, e.ToldOn, e.DomainOfChange, e.Consent, e.Signifiers,
            e.FrameworkVersion, e.PartnerId, told.UserName, told.Timestamp, told.Sequence, [], null, e.Themes ?? []);
    }

    public Story Apply(IEvent<StorySelected> selected) => this with
    {
        Selections = [.. Selections, new Selection(selected.Data.SelectionId, selected.Data.Panel, selected.Data.Reason,
            selected.UserName, selected.Timestamp)]
    };

    public Story Apply(IEvent<StoryConsentWithdrawn> withdrawn) => this with
    {
        Title = null,
        Narrative = null,
        TellerRole = null,
        DomainOfChange = null,
        Signifiers = null,
        Selections = [],
        Themes = [],
        WithdrawnAt = withdrawn.Timestamp
    };

    /// <summary>Partners act only on their own organisation's stories; stewards and facilitators on any.</summary>
    public bool MayBeChangedBy(Member member) =>
        member.Role is AllianceRole.Steward or AllianceRole.Facilitator
        || (member.Role == AllianceRole.Partner && member.PartnerId == PartnerId);
}
