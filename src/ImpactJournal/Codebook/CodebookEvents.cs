namespace ImpactJournal.Codebook;

/// <summary>A theme of the codebook takes a new name. The records keep the words they were coded with.</summary>
public sealed record ThemeRenamed(Guid ChangeId, string Theme, string To);

/// <summary>Themes that mean the same are read as one from now on. The records keep the words they were coded with.</summary>
public sealed record ThemesMerged(Guid ChangeId, IReadOnlyList<string> Themes, string Into);

/// <summary>What a theme of the codebook is about, in the alliance's words (an empty description clears it).</summary>
public sealed record ThemeDescribed(string Theme, string Description);

/// <summary>
/// Words a withdrawn record was coded with, carried by no remaining record, were erased from the codebook's renames,
/// merges and descriptions: the audit that it happened (who and when are the event's metadata), never which words.
/// </summary>
public sealed record ThemeWordsErased(int Changes);
