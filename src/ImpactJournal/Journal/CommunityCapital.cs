namespace ImpactJournal.Journal;

/// <summary>The Community Capitals framework that ripples and observations are coded to.</summary>
public enum CommunityCapital
{
    Natural,
    Cultural,
    Human,
    Social,
    Political,
    Financial,
    Built
}

/// <summary>Whether an effect strengthens (generative) or erodes (degenerative) what the community values.</summary>
public enum Valence
{
    Generative,
    Degenerative,
    Mixed,
    Unclear
}
