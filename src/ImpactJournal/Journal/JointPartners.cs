using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.Journal;

/// <summary>
/// <c>withPartners</c>: the other partner organisations involved in an observation or a ripple. Each pair among
/// the record's own partner and these is one tie of the alliance's collaboration network.
/// </summary>
public static class JointPartners
{
    public const int Max = 50;

    /// <summary>The shape of the list, checked before the alliance is known.</summary>
    public static Validation CheckWithPartners(this Validation validation, string field, IReadOnlyList<Guid>? partners)
    {
        if (partners is { Count: > Max }) validation.Add(field, $"At most {Max} partners.");
        else if (partners?.Any(p => p == Guid.Empty) == true) validation.Add(field, "Partner ids of this alliance's partners.");
        return validation;
    }

    /// <summary>
    /// The list as recorded: each partner once, without the record's own partner; or the error naming an id that
    /// is not a partner of the alliance.
    /// </summary>
    public static (IReadOnlyList<Guid> Partners, string? Error) Resolve(Alliance alliance, IReadOnlyList<Guid>? requested, Guid? ownPartner)
    {
        var partners = (requested ?? []).Distinct().Where(p => p != ownPartner).ToList();
        var unknown = partners.FirstOrDefault(p => alliance.PartnerById(p) is null);
        return unknown == Guid.Empty ? (partners, null) : ([], $"{unknown} is not a partner of this alliance.");
    }
}
