using ImpactJournal.Alliances;
using ImpactJournal.Journal;

namespace ImpactJournal.Commons;

/// <summary>What a steward can publish to the learning commons, one item at a time.</summary>
public enum PublicationKind
{
    /// <summary>A ripple map's picture and ripples.</summary>
    Map,

    /// <summary>A closed learning review's adaptations and what became of them.</summary>
    Review,

    /// <summary>One social value imperative with the direction its check-ins are taking.</summary>
    Imperative,

    /// <summary>A story its teller gave for the public and from which nobody could be recognised.</summary>
    Story
}

/// <summary>A ripple as the commons shows it: no evidence, no author; partners' names only where the alliance allows.</summary>
public sealed record CommonsRipple(string Label, string? Description, int? Order, IReadOnlyList<CommunityCapital> Capitals, Valence Valence,
    bool? Intended, IReadOnlyList<string> Partners);

/// <summary>An adaptation a review agreed and what became of it (its latest progress), with no owner's or author's name.</summary>
public sealed record CommonsAdaptation(string Text, string WhatBecameOfIt);

/// <summary>
/// A copy of what was published, taken when it was published: the commons holds nothing else of the alliance's journal.
/// <see cref="From"/>..<see cref="To"/> is the period the item speaks of; <see cref="ExpiresOn"/> the teller's consent's end (stories).
/// </summary>
public sealed record CommonsEntry(
    string Title,
    string? Text,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<CommunityCapital> Capitals,
    IReadOnlyList<string> Themes,
    IReadOnlyList<PartnerKind> PartnerKinds,
    string? Picture = null,
    IReadOnlyList<CommonsRipple>? Ripples = null,
    IReadOnlyList<CommonsAdaptation>? Adaptations = null,
    string? Direction = null,
    DateOnly? ExpiresOn = null)
{
    /// <summary>The entry once its teller withdrew consent: none of its words remain.</summary>
    public CommonsEntry Erased() => this with { Title = "", Text = null, Themes = [], Picture = null, Ripples = null, Adaptations = null, Direction = null };
}

/// <summary>A steward published an item (or published it again, taking a fresh copy). Each publication is a stream of its own.</summary>
public sealed record PublishedToCommons(Guid PublicationId, Guid AllianceId, PublicationKind Kind, Guid SourceId, CommonsEntry Entry);

/// <summary>A steward took an item out of the commons.</summary>
public sealed record UnpublishedFromCommons(Guid PublicationId);

/// <summary>
/// A steward wrote the alliance's public profile, which joins the commons. <see cref="CollaborationModel"/> is one of
/// <see cref="CollaborationModels.Keys"/>; <see cref="PartnerKinds"/> are the kinds of the alliance's partners then.
/// </summary>
public sealed record CommonsProfileWritten(Guid AllianceId, string Name, string About, string CollaborationModel, bool ShowPartnerNames,
    IReadOnlyList<PartnerKind> PartnerKinds);

/// <summary>The alliance left the commons: its profile and every item it published are gone from it.</summary>
public sealed record AllianceLeftCommons(Guid AllianceId);
