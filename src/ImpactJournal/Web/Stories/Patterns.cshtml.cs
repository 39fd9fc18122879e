using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories.Patterns;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// The patterns in the stories this person may read: each question of the framework drawn with its table, filtered by
/// a plain GET form, and a second group beside the first when asked for ("b." fields). The API's own reading.
/// Also the projector's view of the same pattern, one question at a time.
/// </summary>
public sealed class PatternsModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock,
    RippleMapStates states) : AlliancePage(directory)
{
    public const string Second = "b.";

    public PatternFilter First { get; private set; } = PatternFilter.Everything;

    public PatternFilter SecondGroup { get; private set; } = PatternFilter.Everything;

    public bool Comparing { get; private set; }

    public StoryPatterns? Result { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The codebook's themes, suggested in the theme filters.</summary>
    public IReadOnlyList<ThemeEntry> ThemeSuggestions { get; private set; } = [];

    public string Home => $"/alliances/{AllianceId}";

    public string StoryHref => $"{Home}/stories/";

    /// <summary>The question shown on the projector (triads, then dyads, then choices).</summary>
    [FromQuery(Name = "q")]
    public int Question { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        // Read beside the pattern rather than before it: the page waits for the slower of the two, not both.
        var suggestions = CodebookSuggestions.ReadAsync(store, AllianceId, Member.Role, clock, dataSource, states, ct);
        var validation = new Validation();
        var query = Request.Query.Where(q => q.Key != "q" && q.Key != "compare").ToList();
        First = PatternFilter.Read(query.Where(q => !q.Key.StartsWith(Second, StringComparison.Ordinal)), validation);
        SecondGroup = PatternFilter.Read(query, validation, Second);
        Comparing = Request.Query["compare"] == "on";
        validation.CheckAgainst(First, Alliance.Framework).CheckAgainst(SecondGroup, Alliance.Framework, Second);
        if (!validation.IsValid)
        {
            Errors = validation.ToErrors();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ThemeSuggestions = await suggestions;
            return Page();
        }
        await using var session = store.QuerySession(AllianceId.ToString());
        Result = await StoryPatternReading.ReadAsync(Alliance, Member, First, Comparing ? SecondGroup : null, session, dataSource, clock, ct);
        ThemeSuggestions = await suggestions;
        return Page();
    }

    /// <summary>This page's address with the filters (and comparison) as they are, for the projector and back.</summary>
    public string Query(int? question = null)
    {
        var parts = new List<string> { First.ToQuery() };
        if (Comparing) parts.AddRange(["compare=on", SecondGroup.ToQuery(Second)]);
        if (question is { } q) parts.Add($"q={q}");
        return string.Join("&", parts.Where(p => p.Length > 0));
    }

    /// <summary>The filter as a projector chip: only the first group, with one filter changed.</summary>
    public string Chip(PatternFilter filter) => $"{Home}/stories/patterns/projector?{filter.ToQuery()}{(filter.IsEverything ? "" : "&")}q={Question}";

    public IEnumerable<(string Key, string Prompt)> Questions => Result is null ? [] :
    [
        .. Result.Pattern.Triads.Select(t => (t.Key, t.Prompt)),
        .. Result.Pattern.Dyads.Select(d => (d.Key, d.Prompt)),
        .. Result.Pattern.Choices.Select(c => (c.Key, c.Prompt))
    ];

    public PatternView ViewOf(StoryPattern pattern, bool first) =>
        new(pattern, first ? "first" : "second", !Comparing ? "The pattern" : first ? "First group" : "Second group", StoryHref);

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
