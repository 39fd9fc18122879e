namespace ImpactJournal.Tests.Support;

/// <summary>A clock that always reads the same moment, for the pure decisions that take a <see cref="TimeProvider"/>.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
