using ImpactJournal.Access;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.Codebook;

public static class ReadCodebook
{
    /// <summary>The codebook as the viewer may see it.</summary>
    public static async Task<(AllianceCodebook Codebook, CodebookFacts Facts)> ReadAsync(IQuerySession session, NpgsqlDataSource dataSource,
        RippleMapStates states, Viewer viewer, CancellationToken ct) =>
        (await Codebooks.OfAllianceAsync(session, ct), await Codebooks.FactsAsync(session, dataSource, states, viewer, ct));

    /// <summary>
    /// One theme as the viewer may see it, or null when the codebook has no such theme or the viewer is not shown it (nor
    /// the name asked by, <see cref="ShownNames"/>): the same answer, so guessing words tells nothing. A former name
    /// answers with the theme it reads as now.
    /// </summary>
    public static async Task<ThemeView?> ThemeAsync(IQuerySession session, NpgsqlDataSource dataSource, RippleMapStates states, Viewer viewer,
        string theme, CancellationToken ct)
    {
        var (codebook, facts) = await ReadAsync(session, dataSource, states, viewer, ct);
        var name = codebook.CurrentNameOf(theme);
        var shown = new ShownNames(codebook, facts);
        if (!CodebookRules.ThemesOf(codebook, facts.RecordedThemes).Contains(name) || !shown.Shows(Themes.NormaliseOne(theme)) || !shown.ShowsTheme(name))
            return null;
        return ThemeView.Build(codebook, name, facts, viewer, await ObservationExamplesAsync(session, codebook, name, viewer, ct),
            await StoryExamplesAsync(session, codebook, name, viewer, ct));
    }

    /// <summary>The newest observations coded with the theme (under any of its names) that the viewer may read.</summary>
    private static async Task<IReadOnlyList<ThemeExample>> ObservationExamplesAsync(IQuerySession session, AllianceCodebook codebook, string name,
        Viewer viewer, CancellationToken ct)
    {
        var names = codebook.RecordedNamesOf(name).ToArray();
        var readable = ConsentScopes.ReadableBy(viewer.Role);
        var newest = await session.Query<Observation>()
            .Where(o => o.WithdrawnAt == null && o.Retraction == null && o.Consent.Scope.IsOneOf(readable) && o.Themes.Any(t => names.Contains(t)))
            .OrderByDescending(o => o.ObservedAtUtc).Take(ThemeView.ExamplesShown * 4).ToListAsync(ct);
        return [.. newest.Where(o => o.Consent.AllowsReadingBy(viewer.Role, viewer.Today)).Take(ThemeView.ExamplesShown)
            .Select(o => new ThemeExample("observation", o.Id, null, o.Text ?? "", DateOnly.FromDateTime(o.ObservedAt.UtcDateTime)))];
    }

    /// <summary>The most recently told stories coded with the theme (under any of its names) that the viewer may read.</summary>
    private static async Task<IReadOnlyList<ThemeExample>> StoryExamplesAsync(IQuerySession session, AllianceCodebook codebook, string name,
        Viewer viewer, CancellationToken ct)
    {
        var names = codebook.RecordedNamesOf(name).ToArray();
        var newest = await ReadStoriesEndpoint.Readable(session, viewer.Role, viewer.Today, partnerId: null, selectedOnly: false)
            .Where(s => s.Themes!.Any(t => names.Contains(t)))
            .OrderByDescending(s => s.ToldOn).ThenByDescending(s => s.Sequence).Take(ThemeView.ExamplesShown).ToListAsync(ct);
        return [.. newest.Select(s => new ThemeExample("story", s.Id, null, s.Title ?? "", s.ToldOn))];
    }

    public static Viewer ViewerOf(HttpContext http, TimeProvider clock) =>
        new(CurrentMember.Of(http).Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}

public static class ReadCodebookEndpoint
{
    /// <summary>
    /// The alliance's codebook: every theme with its counts across observations, stories and ripples, its description and the
    /// names merged or renamed into it, and every rename and merge. Commissioners' counts cover only what they may read,
    /// and a small count reads "&lt;5" (or "withheld" where it would give one back).
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/codebook", OperationId = "getCodebook",
        Summary = "The codebook: every theme with counts, description and former names; renames and merges")]
    [ProducesResponseType<CodebookView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, RippleMapStates states,
        TimeProvider clock, CancellationToken ct)
    {
        var viewer = ReadCodebook.ViewerOf(http, clock);
        var (codebook, facts) = await ReadCodebook.ReadAsync(session, dataSource, states, viewer, ct);
        return TypedResults.Ok(CodebookView.Build(codebook, facts, viewer));
    }

    /// <summary>
    /// One theme: its counts, its weekly trend over 26 weeks, the themes found with it, and examples the reader may read
    /// (commissioners: no observation of a theme with fewer than 5 observations, no story of one with fewer than 5 stories). A former name answers with the theme it reads as now.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/codebook/themes/{theme}", OperationId = "getTheme",
        Summary = "One theme: counts, weekly trend, themes found with it, examples")]
    [ProducesResponseType<ThemeView>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetTheme(string theme, HttpContext http, IQuerySession session, NpgsqlDataSource dataSource,
        RippleMapStates states, TimeProvider clock, CancellationToken ct) =>
        await ReadCodebook.ThemeAsync(session, dataSource, states, ReadCodebook.ViewerOf(http, clock), theme, ct) is { } view
            ? TypedResults.Ok(view)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such theme in this alliance's codebook.");
}
