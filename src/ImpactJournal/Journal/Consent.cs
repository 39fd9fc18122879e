using ImpactJournal.Access;
using Microsoft.AspNetCore.Http.HttpResults;

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

/// <summary>A record told under a teller's consent: an observation or a story.</summary>
public interface IConsentedRecord
{
    Guid Id { get; }
    Consent Consent { get; }
    DateTimeOffset? WithdrawnAt { get; }
}

public static class ConsentedRead
{
    /// <summary>
    /// How one record answers a reader: not found when it does not exist or the teller's consent does
    /// not reach the reader's role (withdrawn or not: that a record existed is itself not theirs to
    /// learn), only {id, withdrawn} after withdrawal, otherwise the record.
    /// </summary>
    public static Results<Ok<T>, Ok<WithdrawnRecord>, NotFound> Answer<T>(T? record, AllianceRole role, TimeProvider clock)
        where T : class, IConsentedRecord
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (record is null || !record.Consent.AllowsReadingBy(role, today)) return TypedResults.NotFound();
        return record.WithdrawnAt is not null ? TypedResults.Ok(new WithdrawnRecord(record.Id, record.WithdrawnAt)) : TypedResults.Ok(record);
    }
}
