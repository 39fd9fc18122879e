namespace ImpactJournal.Alliances;

/// <summary>The kind of collaboration an alliance is. Serialized in kebab case (`alliance-contract`).</summary>
public enum AgreementType
{
    AllianceContract,
    RelationalContract,
    CollaborationAgreement,
    PublicCommonsPartnership,
    ThinLayerCooperative,
    InnovationPartnership,
    GrantCollaboration,
    Other
}

/// <summary>The kind of organisation a partner is. Serialized in kebab case (`social-enterprise`).</summary>
public enum PartnerKind
{
    Council,
    Vcse,
    Cooperative,
    SocialEnterprise,
    Sme,
    CommunityGroup,
    Health,
    Other
}
