using ImpactJournal.Access;

namespace ImpactJournal.Alliances;

public sealed record AllianceFormed(
    Guid AllianceId,
    string Name,
    AgreementType AgreementType,
    string SharedPurpose,
    string FoundingSteward,
    string FoundingStewardDisplayName);

public sealed record PartnerAdded(Guid PartnerId, string Name, PartnerKind Kind);

public sealed record MemberAdded(string Subject, string DisplayName, AllianceRole Role, Guid? PartnerId);

public sealed record MemberRemoved(string Subject);

/// <summary>A member's role changed; a partner-role member belongs to a partner organisation.</summary>
public sealed record MemberRoleChanged(string Subject, AllianceRole Role, Guid? PartnerId);

public sealed record PurposeRevised(string SharedPurpose);

public sealed record ImperativeAdded(Guid ImperativeId, string Text);
