using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;

namespace ImpactJournal.Access;

/// <summary>
/// Which partner organisation a contribution is recorded for: the acting member's own by default.
/// A partner-role member may record only for their own organisation; stewards and facilitators
/// may record for any partner of the alliance.
/// </summary>
public static class PartnerOnBehalfOf
{
    public static (Guid PartnerId, Outcome? Refusal) Resolve(Alliance alliance, Member member, Guid? requested)
    {
        var partnerId = requested ?? member.PartnerId;
        if (partnerId is null) return (Guid.Empty, Outcome.InvalidField("partnerId", "Required: you are not tied to a partner organisation."));

        if (member.Role == AllianceRole.Partner && partnerId != member.PartnerId)
            return (Guid.Empty, new Outcome.Forbidden("Partners record only on behalf of their own organisation."));

        if (alliance.PartnerById(partnerId.Value) is null) return (Guid.Empty, Outcome.InvalidField("partnerId", "Not a partner of this alliance."));

        return (partnerId.Value, null);
    }
}
