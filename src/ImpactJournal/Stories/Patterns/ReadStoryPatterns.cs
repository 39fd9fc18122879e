using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.Stories.Patterns;

/// <summary>The pattern of one group of stories, and of a second group beside it with where the two differ.</summary>
public sealed record StoryPatterns(StoryPattern Pattern, StoryPattern? Comparison, IReadOnlyList<QuestionDifference>? Differences);

/// <summary>The one reading of story patterns behind the API and the web app's pages.</summary>
public static class StoryPatternReading
{
    public const string Compare = "compare";
    private static readonly HashSet<string> Names = ["role", "from", "to", "domain", "theme", "selected", Compare];

    /// <summary>
    /// Checks a filter against the framework in force: a choice filter names one of its choices and one of that
    /// choice's options.
    /// </summary>
    public static Validation CheckAgainst(this Validation validation, PatternFilter filter, SignificationFramework? framework, string prefix = "")
    {
        foreach (var (key, option) in filter.Choices)
        {
            var choice = framework?.Choices.FirstOrDefault(c => c.Key == key);
            if (choice is null) validation.Add($"{prefix}{PatternFilter.ChoicePrefix}{key}", "Not a choice of the framework in force.");
            else if (!choice.Options.Contains(option)) validation.Add($"{prefix}{PatternFilter.ChoicePrefix}{key}", $"One of: {string.Join(", ", choice.Options)}.");
        }
        return validation;
    }

    /// <summary>The API's query: the filters, and <c>compare</c> holding the second group's filters as one URL-encoded query string.</summary>
    public static (PatternFilter First, PatternFilter? Second) ReadQuery(IQueryCollection query, SignificationFramework? framework, Validation validation)
    {
        foreach (var name in query.Keys.Where(n => !Names.Contains(n) && !n.StartsWith(PatternFilter.ChoicePrefix, StringComparison.Ordinal)))
            validation.Add(name, "Not a filter: role, choice.<key>, from, to, domain, theme, selected or compare.");
        var first = PatternFilter.Read(query.Where(q => q.Key != Compare), validation);
        validation.CheckAgainst(first, framework);
        PatternFilter? second = null;
        if (query.TryGetValue(Compare, out var compare) && !StringValues.IsNullOrEmpty(compare))
        {
            second = PatternFilter.ReadEncoded(compare.ToString(), validation, Compare);
            validation.CheckAgainst(second, framework, Compare + ".");
        }
        return (first, second);
    }

    /// <summary>
    /// The pattern of the stories <paramref name="reader"/> may read within <paramref name="first"/>, and of those within
    /// <paramref name="second"/> when given. Waits for the reader's own new stories to reach the patterns.
    /// </summary>
    public static async Task<StoryPatterns> ReadAsync(Alliance alliance, Member reader, PatternFilter first, PatternFilter? second,
        IQuerySession session, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        await OwnWrites.WaitForProjectionAsync<Story>(session, dataSource, reader.Subject, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // A theme is filtered, and named, by the codebook's current name, whichever of its names was typed.
        var codebook = await Codebooks.OfAllianceAsync(session, ct);
        first = first.InCodebook(codebook);
        second = second?.InCodebook(codebook);
        var stories = new PatternStories(dataSource, StorySignifierTable.TableFor(session.DocumentStore.Options), alliance.Id.ToString(), reader.Role, today,
            codebook);
        var forCommissioner = reader.Role == AllianceRole.Commissioner;
        if (forCommissioner) (first, second) = (first.InWholeMonths(), second?.InWholeMonths());
        // A commissioner's group is checked against every wider group of either group: each counted once, all in one pass.
        var wider = forCommissioner
            ? [.. PatternDisclosure.WiderGroups(first).Concat(second is null ? [] : PatternDisclosure.WiderGroups(second)).DistinctBy(f => f.ToQuery())]
            : new List<PatternFilter>();
        var read = await stories.ReadAsync(first, second, wider, ct);
        var counts = wider.Select((filter, i) => (filter.ToQuery(), read.Counts[i])).ToDictionary();

        StoryPattern Group(PatternFilter filter, IReadOnlyList<PatternStory> found)
        {
            var shown = !forCommissioner || PatternDisclosure.Shows(found.Count, PatternDisclosure.WiderGroups(filter).Select(w => counts[w.ToQuery()]));
            return StoryPattern.Of(alliance.Framework, filter, found, forCommissioner, shown);
        }

        var pattern = Group(first, read.First);
        if (second is null) return new StoryPatterns(pattern, null, null);
        var comparison = Group(second, read.Second!);
        return new StoryPatterns(pattern, comparison, PatternComparison.Between(pattern, comparison));
    }
}

public static class ReadStoryPatternsEndpoint
{
    /// <summary>
    /// The pattern of the stories the caller may read (for commissioners: given for commissioners or the public, not
    /// expired; withdrawn stories never), question by question of the framework in force: per triad every story as a
    /// point (<c>a</c>, <c>b</c>, <c>c</c>: its weights for the three labels), the mean and the count in each region (a
    /// corner's region holds the points whose weight for that label is at least 0.6, the rest are in the "middle"); per
    /// dyad each value, the mean and a histogram in fifths; per choice the count of each option. Stories signified under
    /// an earlier framework version count where their question has the same key.
    /// Filters: <c>role</c> (the teller's), <c>choice.&lt;key&gt;=&lt;option&gt;</c> (any number), <c>from</c> and
    /// <c>to</c> (days the stories were told), <c>domain</c> (of change), <c>theme</c>, <c>selected</c> (true: selected
    /// by a panel). <c>compare</c> draws a second group beside the first: its filters as one URL-encoded query string,
    /// e.g. <c>compare=role%3Dstaff%26from%3D2025-04-01</c>; the answer then holds its pattern as <c>comparison</c> and
    /// <c>differences</c> says per question where the two differ. For commissioners a group of fewer than 5 stories, or
    /// one that a wider group (the same filters with some left out) exceeds by 1 to 4, reads <c>"&lt;5"</c> with no
    /// points, means or counts; so does a question fewer than 5 answered; a choice's count of 1 to 4 reads
    /// <c>"&lt;5"</c> and the one that would give it back <c>"withheld"</c>. Counts are a number or such a string.
    /// For commissioners <c>from</c> and <c>to</c> are widened to whole calendar months (the first day of <c>from</c>'s
    /// month to the last of <c>to</c>'s), so comparing two periods a day apart cannot single out one story.
    /// </summary>
    /// <param name="role">the teller's role, as they gave it (any case)</param>
    /// <param name="from">the first day a story was told on (YYYY-MM-DD; for commissioners, from the first of its month)</param>
    /// <param name="to">the last day a story was told on (YYYY-MM-DD; for commissioners, to the last of its month)</param>
    /// <param name="domain">the domain of change</param>
    /// <param name="theme">a theme the story carries, by any of its names in the codebook (it reads as the current one)</param>
    /// <param name="selected">true: only stories a panel selected; false: only those not selected</param>
    /// <param name="compare">the second group's filters as one URL-encoded query string</param>
    /// <param name="http">the request (its query holds the <c>choice.</c> filters)</param>
    /// <param name="session">the alliance's session</param>
    /// <param name="dataSource">the journal's database</param>
    /// <param name="clock">today, for consent expiry</param>
    /// <param name="ct">cancellation</param>
    [WolverineGet(AllianceRoute.Prefix + "/stories/patterns", OperationId = "getStoryPatterns")]
    [ProducesResponseType<StoryPatterns>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? role, string? from, string? to, string? domain, string? theme, string? selected,
        string? compare, HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var alliance = CurrentMember.AllianceOf(http);
        var validation = new Validation();
        var (first, second) = StoryPatternReading.ReadQuery(http.Request.Query, alliance.Framework, validation);
        if (!validation.IsValid) return Results.Problem(validation.ToProblem());
        return Results.Ok(await StoryPatternReading.ReadAsync(alliance, CurrentMember.Of(http), first, second, session, dataSource, clock, ct));
    }
}
