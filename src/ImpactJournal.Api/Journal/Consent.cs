using ImpactJournal.Access;

namespace ImpactJournal.Journal;

/// <summary>The widest audience a teller allowed their words to reach.</summary>
public enum ConsentScope
{
    /// <summary>Stewards, facilitators and partners of the alliance.</summary>
    Alliance,

    /// <summary>Those plus the alliance's commissioners.</summary>
    Commissioners,

    /// <summary>May appear in public exports and reports.</summary>
    Public
}

public sealed record Consent(ConsentScope Scope, bool Identifiable, DateOnly? ExpiresOn = null)
{
    /// <summary>Whether a member with this role may see content given under this consent today.</summary>
    public bool AllowsReadingBy(AllianceRole role, DateOnly today) =>
        (ExpiresOn is null || ExpiresOn >= today)
        && (role != AllianceRole.Commissioner || Scope != ConsentScope.Alliance);
}

/// <summary>The consent scopes a member with this role may read.</summary>
public static class ConsentScopes
{
    public static ConsentScope[] ReadableBy(AllianceRole role) => role == AllianceRole.Commissioner
        ? [ConsentScope.Commissioners, ConsentScope.Public]
        : [ConsentScope.Alliance, ConsentScope.Commissioners, ConsentScope.Public];
}
