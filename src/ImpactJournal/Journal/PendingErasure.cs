namespace ImpactJournal.Journal;

/// <summary>
/// A consent withdrawal that has been asked for but not yet finished (stored events masked and the
/// audit appended). Written before the erasure starts and deleted in the audit's own transaction,
/// so one left behind by a crash or a failed append is finished by <see cref="ConsentErasureSweeper"/>.
/// </summary>
public sealed record PendingErasure(Guid Id, string Alliance, EvidenceKind Kind, string? RequestedBy, DateTimeOffset RequestedAt);
