using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Marten;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// The codebook's themes (current names, with their descriptions) that a form suggests as the reader may see them, so
/// people reuse the alliance's words rather than coin near-duplicates. Drawn as a datalist by the _ThemeSuggestions partial.
/// </summary>
public static class CodebookSuggestions
{
    public const int Most = 300;

    public static async Task<IReadOnlyList<ThemeEntry>> ReadAsync(IDocumentStore store, Guid allianceId, AllianceRole role, TimeProvider clock,
        NpgsqlDataSource dataSource, RippleMapStates states, CancellationToken ct)
    {
        var viewer = new Viewer(role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await using var session = store.QuerySession(allianceId.ToString());
        var (codebook, facts) = await ReadCodebook.ReadAsync(session, dataSource, states, viewer, ct);
        return [.. CodebookView.Build(codebook, facts, viewer).Themes.Take(Most)];
    }
}

/// <summary>A form's themes box (the story's or the observation's): what was typed, its error, and the codebook's suggestions.</summary>
public sealed record ThemesField(Guid AllianceId, string? Value, string? Error, IReadOnlyList<ThemeEntry> Suggestions);
