using Marten;

namespace ImpactJournal.Exports;

/// <summary>
/// The one place the exports name a record's themes. Today a theme is exported as it was recorded; when the
/// alliance's codebook renames or merges themes, this is where the exports take its current names.
/// </summary>
public static class ExportedThemes
{
    /// <summary>How this alliance's exports name a recorded theme.</summary>
    public static Task<Func<string, string>> NamesAsync(IQuerySession session, CancellationToken ct) =>
        Task.FromResult<Func<string, string>>(recorded => recorded);
}
