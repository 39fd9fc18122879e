using ImpactJournal.Indicators;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Web;

/// <summary>The journal's vocabulary in the plain words people use, for labels and hints.</summary>
public static class Words
{
    public static readonly IReadOnlyList<(CommunityCapital Capital, string Name, string Meaning)> Capitals =
    [
        (CommunityCapital.Natural, "Natural", "land, water, green spaces and the living world"),
        (CommunityCapital.Cultural, "Cultural", "traditions, identity, language and ways of seeing the world"),
        (CommunityCapital.Human, "Human", "people's skills, knowledge, health and confidence"),
        (CommunityCapital.Social, "Social", "connections, trust and networks between people"),
        (CommunityCapital.Political, "Political", "having a voice and influence over decisions"),
        (CommunityCapital.Financial, "Financial", "money, income, savings and investment"),
        (CommunityCapital.Built, "Built", "buildings, housing, transport and facilities"),
    ];

    public static readonly IReadOnlyList<(Valence Valence, string Words)> Valences =
    [
        (Valence.Generative, "It strengthens what people value"),
        (Valence.Degenerative, "It wears away what people value"),
        (Valence.Mixed, "Some of both"),
        (Valence.Unclear, "Too early to tell"),
    ];

    public static readonly IReadOnlyList<(ConsentScope Scope, string Words)> Audiences =
    [
        (ConsentScope.Alliance, "People working in the alliance: partners, facilitators and stewards"),
        (ConsentScope.Commissioners, "Those, and the commissioners who fund the work"),
        (ConsentScope.Public, "Anyone: it may appear in public reports"),
    ];

    /// <summary>Today's date where the journal's people live.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime);

    /// <summary>The time people using the journal live by.</summary>
    public static readonly TimeZoneInfo UkTime = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var uk) ? uk : TimeZoneInfo.Utc;

    /// <summary>A moment as people in the UK read it: "14 Jan 2025, 11:00".</summary>
    public static string When(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, UkTime).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A count with its noun, as a sentence says it: "1 ripple", "16 ripples".</summary>
    public static string Count(int count, string one, string? many = null) =>
        count == 1 ? $"1 {one}" : $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {many ?? one + "s"}";

    public static readonly IReadOnlyList<(IndicatorUnit Unit, string Words)> Units =
    [
        (IndicatorUnit.Count, "a count (how many)"),
        (IndicatorUnit.Percent, "a percentage"),
        (IndicatorUnit.Scale, "a point on a scale (e.g. 1 to 10)"),
        (IndicatorUnit.Ratio, "a ratio"),
        (IndicatorUnit.Hours, "hours"),
        (IndicatorUnit.Currency, "money (£)"),
        (IndicatorUnit.Other, "something else"),
    ];

    public static string Of(IndicatorUnit unit) => Units.First(u => u.Unit == unit).Words;

    public static string Of(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Proposed => "proposed",
        IndicatorStatus.Adopted => "adopted",
        _ => "retired"
    };

    public static string Of(Valence valence) => Valences.First(v => v.Valence == valence).Words;

    public static string Of(ConsentScope scope) => scope switch
    {
        ConsentScope.Alliance => "the alliance",
        ConsentScope.Commissioners => "the alliance and its commissioners",
        _ => "anyone"
    };

    public static readonly IReadOnlyList<(LinkRelation Relation, string Words)> Relations =
    [
        (LinkRelation.LedTo, "led to"),
        (LinkRelation.Enabled, "enabled"),
        (LinkRelation.Hindered, "hindered"),
    ];

    public static string Of(LinkRelation relation) => Relations.First(r => r.Relation == relation).Words;

    public static string Of(LinkStatus status) => status switch
    {
        LinkStatus.Disputed => "disputed",
        LinkStatus.Substantiated => "backed up",
        LinkStatus.Withdrawn => "withdrawn",
        _ => "asserted"
    };

    /// <summary>What a person did to a link, as a verb: "Grace disputed it".</summary>
    public static string Did(LinkStatus status) => status switch
    {
        LinkStatus.Disputed => "disputed",
        LinkStatus.Substantiated => "backed up",
        LinkStatus.Withdrawn => "withdrew",
        _ => "asserted"
    };
}
