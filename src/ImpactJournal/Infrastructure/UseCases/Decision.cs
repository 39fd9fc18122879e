namespace ImpactJournal.Infrastructure.UseCases;

/// <summary>What a pure decision returns: the outcome to answer, and the events to append when it is a change.</summary>
public sealed record Decision(Outcome Outcome, IReadOnlyList<object> Events)
{
    public static Decision Refuse(Outcome refusal) => new(refusal, []);

    public static Decision Append(Outcome saved, params object[] events) => new(saved, events);

    public static implicit operator Decision(Outcome refusal) => Refuse(refusal);
}
