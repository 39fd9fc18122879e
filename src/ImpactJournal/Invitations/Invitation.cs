using ImpactJournal.Access;
using ImpactJournal.Alliances;
using JasperFx.Events;

namespace ImpactJournal.Invitations;

/// <summary>An invitation as it stands: what it is for, how many used it, and whether it still opens.</summary>
public sealed record Invitation(
    Guid Id,
    Guid AllianceId,
    string Purpose,
    InvitationKind Kind,
    Guid? CheckInId,
    DateOnly ExpiresOn,
    int MaxUses,
    Guid PartnerId,
    string? MadeBy,
    DateTimeOffset MadeAt,
    int Uses,
    DateTimeOffset? RevokedAt)
{
    public static Invitation Create(IEvent<InvitationMade> made)
    {
        var e = made.Data;
        return new Invitation(e.InvitationId, e.AllianceId, e.Purpose, e.Kind, e.CheckInId, e.ExpiresOn, e.MaxUses, e.PartnerId,
            made.UserName, made.Timestamp, 0, null);
    }

    public Invitation Apply(InvitationUsed _) => this with { Uses = Uses + 1 };

    public Invitation Apply(IEvent<InvitationRevoked> revoked) => this with { RevokedAt = revoked.Timestamp };

    /// <summary>"open", "expired" (after its last day, UK time), "revoked" or "used up".</summary>
    public string StatusOn(DateOnly today) =>
        RevokedAt is not null ? "revoked" : today > ExpiresOn ? "expired" : Uses >= MaxUses ? "used up" : "open";

    public bool OpensOn(DateOnly today) => StatusOn(today) == "open";

    /// <summary>The inviting partner's own members act on it; stewards and facilitators on any.</summary>
    public bool MayBeChangedBy(Member member) =>
        member.Role is AllianceRole.Steward or AllianceRole.Facilitator
        || (member.Role == AllianceRole.Partner && member.PartnerId == PartnerId);
}
