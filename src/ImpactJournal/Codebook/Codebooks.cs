using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using Marten;
using Npgsql;

namespace ImpactJournal.Codebook;

/// <summary>
/// What the codebook counts, as the viewer may see it: observations and stories grouped by week and recorded themes,
/// and the maps' ripples; and every theme observations and stories are coded with whoever may read them (<see cref="ShownNames"/>).
/// </summary>
public sealed record CodebookFacts(IReadOnlyList<ObservationFact> Observations, IReadOnlyList<StoryFact> Stories, IReadOnlyList<RippleFacts> Maps,
    IReadOnlySet<string> RecordedAnywhere)
{
    /// <summary>Every theme a record is coded with, in the words recorded.</summary>
    public IEnumerable<string> RecordedThemes =>
        Observations.SelectMany(f => f.Themes).Concat(Stories.SelectMany(f => f.Themes)).Concat(Maps.SelectMany(m => m.Ripples).SelectMany(r => r.Themes)).Distinct();
}

/// <summary>Reading the alliance's codebook. Every read of themes goes through <see cref="AllianceCodebook.CurrentNameOf"/>.</summary>
public static class Codebooks
{
    /// <summary>
    /// The codebook of the session's alliance (its tenant), empty when nothing was ever renamed, merged or described.
    /// Load it once per read and map each recorded theme with <see cref="AllianceCodebook.CurrentNameOf"/>.
    /// </summary>
    public static async Task<AllianceCodebook> OfAllianceAsync(IQuerySession session, CancellationToken ct)
    {
        var id = AllianceCodebook.StreamIdOf(Guid.Parse(session.TenantId));
        return await session.LoadAsync<AllianceCodebook>(id, ct) ?? AllianceCodebook.Empty(id);
    }

    /// <summary>The name a theme recorded in the session's alliance reads as today (one theme; for many, load the codebook once).</summary>
    public static async Task<string> CurrentNameOfRecordedThemeAsync(IQuerySession session, string recordedTheme, CancellationToken ct) =>
        (await OfAllianceAsync(session, ct)).CurrentNameOf(recordedTheme);

    /// <summary>The observations and stories (as the viewer may read them) and ripples the codebook counts.</summary>
    public static async Task<CodebookFacts> FactsAsync(IQuerySession session, NpgsqlDataSource dataSource, RippleMapStates states, Viewer viewer,
        CancellationToken ct)
    {
        var observations = await ObservationCounts.ThemeWeeksAsync(session, dataSource, viewer, ct);
        var stories = await StoryFacts.ThemeWeeksAsync(session, dataSource, viewer, ct);
        var maps = await ReviewFacts.MapsAsync(session, states, ct);
        var anywhere = await RecordedThemes.AnywhereAsync(session, dataSource, except: null, ct);
        return new CodebookFacts(observations, stories, [.. maps.Select(m => m.Facts)], anywhere);
    }
}
