namespace ImpactJournal.Infrastructure.UseCases;

/// <summary>What a pure decision returns: the outcome to answer, and the events to append when it is a change.</summary>
public sealed record Decision(Outcome Outcome, IReadOnlyList<object> Events)
{
    /// <summary>Writes to commit in the same transaction as the events, for a read model that must not wait for its projection.</summary>
    public IReadOnlyList<Wolverine.Marten.IMartenOp> Alongside { get; init; } = [];

    public static Decision Refuse(Outcome refusal) => new(refusal, []);

    public static Decision Append(Outcome saved, params object[] events) => new(saved, events);

    /// <summary>
    /// Adding a part of a record (a partner, a commitment, a selection) under an id the client may have chosen: a new id
    /// appends <paramref name="added"/>; the same id with the same content again is already there; with different content, a conflict.
    /// </summary>
    public static Decision AddPart(bool exists, bool sameAsBefore, Guid id, string location, object added) =>
        !exists ? Append(Outcome.Created(id, location), added)
        : sameAsBefore ? Outcome.Retried(id, location)
        : Outcome.IdTakenByDifferentBody(id);

    public static implicit operator Decision(Outcome refusal) => Refuse(refusal);
}
