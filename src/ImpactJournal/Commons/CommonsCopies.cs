using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;

namespace ImpactJournal.Commons;

/// <summary>An item of the alliance's journal as the commons would hold it, or why it may not go there.</summary>
public sealed record CommonsCopy(CommonsEntry? Entry, string? WhyNot)
{
    public static CommonsCopy Of(CommonsEntry entry) => new(entry, null);

    public static CommonsCopy Refused(string why) => new(null, why);
}

/// <summary>
/// Makes the copy that publishing puts in the commons, from the alliance's own records (the only place the commons' write
/// side reads them). Each copy holds only what the commons may show: no author, no owner, no evidence, no counts of
/// answers; partners' names only when the alliance's profile allows them.
/// </summary>
public static class CommonsCopies
{
    /// <summary>The copy, or null when the alliance has no such item.</summary>
    public static async Task<CommonsCopy?> MakeAsync(IQuerySession session, RippleMapStates maps, Alliance alliance, CommonsProfileWritten profile,
        PublicationKind kind, Guid id, DateOnly today, CancellationToken ct)
    {
        var kinds = alliance.Partners.Select(p => p.Kind).Distinct().Order().ToList();
        switch (kind)
        {
            case PublicationKind.Map:
                return await maps.CurrentAsync(session, id, ct) is { } held ? CommonsCopy.Of(OfMap(held, alliance, profile.ShowPartnerNames, kinds)) : null;
            case PublicationKind.Review:
                return await session.LoadAsync<LearningReview>(id, ct) is { } review ? OfReview(review, kinds) : null;
            case PublicationKind.Imperative:
                return alliance.Imperatives.FirstOrDefault(i => i.Id == id) is { } imperative
                    ? CommonsCopy.Of(OfImperative(imperative, await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct), alliance, kinds))
                    : null;
            default:
                // Stories are projected after the fact: their own stream says how they stand now (a withdrawal included).
                return await session.Events.AggregateStreamAsync<Story>(id, token: ct) is { } story ? OfStory(story, today, kinds) : null;
        }
    }

    public static CommonsEntry OfMap(RippleMapStates.Held held, Alliance alliance, bool showPartnerNames, IReadOnlyList<PartnerKind> kinds)
    {
        var map = held.Map;
        var nodes = held.View.Nodes;
        var days = nodes.Select(n => DateOnly.FromDateTime(n.AddedAt.UtcDateTime)).DefaultIfEmpty(DateOnly.FromDateTime(map.StartedAt.UtcDateTime)).ToList();
        IReadOnlyList<string> PartnersOf(Guid ripple) => !showPartnerNames || !map.Nodes.TryGetValue(ripple, out var node) ? []
            : [.. new[] { node.Added.PartnerId }.Concat((node.Added.WithPartners ?? []).Select(p => (Guid?)p)).OfType<Guid>()
                .Select(alliance.PartnerById).OfType<Partner>().Select(p => p.Name).Distinct()];
        var ripples = nodes.OrderBy(n => n.Order ?? int.MaxValue).ThenBy(n => n.AddedAt)
            .Select(n => new CommonsRipple(n.Label, n.Description, n.Order, n.Capitals, n.Valence, n.Intended, PartnersOf(n.Id))).ToList();
        var themes = map.Nodes.Values.SelectMany(n => n.Coding.Themes ?? []).Select(Theme).Distinct().Order().ToList();
        return new CommonsEntry(map.Focus, map.Description, days.Min(), days.Max(), [.. nodes.SelectMany(n => n.Capitals).Distinct().Order()], themes,
            kinds, Picture: held.Picture, Ripples: ripples);
    }

    public static CommonsCopy OfReview(LearningReview review, IReadOnlyList<PartnerKind> kinds)
    {
        if (!review.Closed) return CommonsCopy.Refused("Only a closed learning review can be published: close it first.");
        var adaptations = review.Adaptations.Select(a => new CommonsAdaptation(a.Text, WhatBecameOf(a))).ToList();
        return CommonsCopy.Of(new CommonsEntry(review.Title, null, review.PeriodStart, review.PeriodEnd, [], [], kinds, Adaptations: adaptations));
    }

    public static string WhatBecameOf(Adaptation adaptation) => adaptation.LatestProgress?.Status switch
    {
        AdaptationStatus.Trying => "being tried",
        AdaptationStatus.Embedded => "now part of how we work",
        AdaptationStatus.Dropped => "dropped",
        _ => "not started yet",
    };

    /// <summary>The commitment and which way its check-ins are going, in the one voice for trends: no answers, no counts of who answered.</summary>
    public static CommonsEntry OfImperative(Imperative imperative, IReadOnlyList<CheckInRound> rounds, Alliance alliance, IReadOnlyList<PartnerKind> kinds)
    {
        var trend = ReadCheckInRoundsEndpoint.TrendOf(imperative, rounds);
        var closed = rounds.Where(r => r.Closed).ToList();
        var from = closed.Count > 0 ? closed.Min(r => r.PeriodStart) : DateOnly.FromDateTime(alliance.FormedAt.UtcDateTime);
        var to = closed.Count > 0 ? closed.Max(r => r.PeriodEnd) : from;
        return new CommonsEntry(imperative.Text, trend.DirectionWords, from, to, [], [], kinds, Direction: Vocabulary.Spell(trend.Direction));
    }

    public static CommonsCopy OfStory(Story story, DateOnly today, IReadOnlyList<PartnerKind> kinds) =>
        WhyNotPublic(story, today) is { } why ? CommonsCopy.Refused(why)
            : CommonsCopy.Of(new CommonsEntry(story.Title!, story.Narrative, story.ToldOn, story.ToldOn, [], [.. (story.Themes ?? []).Select(Theme).Distinct()],
                kinds, ExpiresOn: story.Consent.ExpiresOn));

    /// <summary>
    /// Why a story may not go to the commons; null when it may. A story may when its teller gave it for the public, it is not
    /// identifiable — the teller did not mark that someone could be recognised from it, and gave no name (a resident who
    /// gives a name is recorded as "resident: name") — their consent has not ended, and it was not withdrawn.
    /// </summary>
    public static string? WhyNotPublic(Story story, DateOnly today) =>
        story.Withdrawn ? "Its teller withdrew consent."
        : story.Consent.Scope != ConsentScope.Public ? "Its teller did not give it for the public."
        : story.Consent.Identifiable ? "Someone could be recognised from it."
        : story.TellerRole?.Contains(':') == true ? "Its teller gave their name."
        : story.Consent.ExpiresOn < today ? "Its teller's consent has ended."
        : null;

    /// <summary>Themes are searched as written, ignoring case.</summary>
    public static string Theme(string theme) => theme.Trim().ToLowerInvariant();
}
