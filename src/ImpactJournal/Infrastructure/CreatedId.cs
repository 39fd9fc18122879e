namespace ImpactJournal.Infrastructure;

/// <summary>The body of a create: at least the id of what was created.</summary>
public sealed record CreatedId(Guid Id);
