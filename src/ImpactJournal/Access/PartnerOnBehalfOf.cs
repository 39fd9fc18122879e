using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.Access;

/// <summary>
/// Which partner organisation a contribution is recorded for: the acting member's own by default.
/// A partner-role member may record only for their own organisation; stewards and facilitators
/// may record for any partner of the alliance.
/// </summary>
public static class PartnerOnBehalfOf
{
    public static (Guid PartnerId, IResult? Problem) Resolve(Alliance alliance, Member member, Guid? requested)
    {
        var partnerId = requested ?? member.PartnerId;
        if (partnerId is null)
            return (Guid.Empty, Results.Problem(new Validation().Add("partnerId", "Required: you are not tied to a partner organisation.").ToProblem()));

        if (member.Role == AllianceRole.Partner && partnerId != member.PartnerId)
            return (Guid.Empty, Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this",
                detail: "Partners record only on behalf of their own organisation."));

        if (alliance.PartnerById(partnerId.Value) is null)
            return (Guid.Empty, Results.Problem(new Validation().Add("partnerId", "Not a partner of this alliance.").ToProblem()));

        return (partnerId.Value, null);
    }
}
