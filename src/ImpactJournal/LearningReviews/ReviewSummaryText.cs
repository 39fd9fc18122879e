using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Network;

namespace ImpactJournal.LearningReviews;

/// <summary>
/// The review summary in sentences with British dates, as Markdown (for wikis and emails), as a printable HTML page
/// (for board papers) and on the web app's page. A measure is said in words or left out: the JSON keeps the numbers.
/// </summary>
public static class ReviewSummaryText
{
    public static readonly IReadOnlyList<(AdaptationStatus Status, string Words)> Statuses =
    [
        (AdaptationStatus.NotStarted, "not started"),
        (AdaptationStatus.Trying, "trying it"),
        (AdaptationStatus.Embedded, "embedded: it is how we work now"),
        (AdaptationStatus.Dropped, "dropped"),
    ];

    public static string Words(AdaptationStatus status) => Statuses.First(s => s.Status == status).Words;

    private static readonly IReadOnlyList<(ReflectionKind Kind, string Title)> ReflectionTitles =
    [
        (ReflectionKind.Noticed, "What we noticed"),
        (ReflectionKind.Surprised, "What surprised us"),
        (ReflectionKind.Unsure, "What we are unsure about"),
        (ReflectionKind.Question, "Questions to explore"),
    ];

    public static string Markdown(ReviewSummary s, string alliance, DateOnly madeOn) => SectionedText.Markdown(s.Title, Subtitle(s, alliance, madeOn), Sections(s));

    public static string Html(ReviewSummary s, string alliance, DateOnly madeOn) => SectionedText.Html(s.Title, Subtitle(s, alliance, madeOn), Sections(s));

    /// <summary>"Ashworth Alliance · looking back on 1 May 2026 to 31 October 2026 · review closed · made on 7 December 2026".</summary>
    public static string Subtitle(ReviewSummary s, string alliance, DateOnly madeOn) =>
        $"{alliance} · {Period(s)} · {(s.Status == "closed" ? "review closed" : "review in progress")} · made on {TrendSentence.Day(madeOn)}";

    public static string Period(ReviewSummary s) => $"looking back on {TrendSentence.Day(s.PeriodStart)} to {TrendSentence.Day(s.PeriodEnd)}";

    /// <summary>The summary's sections as sentences; <paramref name="count"/> writes a count (a number, or a suppressed one) in the reader's words.</summary>
    public static IEnumerable<Section> Sections(ReviewSummary s, Func<object, string>? count = null)
    {
        count ??= c => c switch
        {
            Journal.SmallNumbers.Suppressed => "fewer than 5",
            _ => Convert.ToString(c, CultureInfo.InvariantCulture) ?? ""
        };
        string Counted(object c, string one) => c switch
        {
            1 => $"1 {one}",
            Journal.SmallNumbers.Withheld => $"a number of {one}s (withheld, so that nobody can be identified)",
            _ => $"{count(c)} {one}s"
        };
        string Were(object c) => c is 1 ? "was" : "were";

        yield return new("Guiding questions", [.. s.Questions]);
        yield return new("Activity", [
            $"{Capitalised(Counted(s.Activity.Observations, "observation"))} {Were(s.Activity.Observations)} logged in the period.",
            .. s.Activity.ByPartner.Select(p => $"{p.Name} took part in {Counted(p.Count, "observation")}."),
            .. s.Activity.ByTheme.Select(t => $"{Capitalised(Counted(t.Count, "observation"))} {Were(t.Count)} about “{t.Theme}”.")]);
        yield return new("Ripples", [.. RippleSentences(s.Ripples)]);
        yield return new("Surprises (unintended ripples)", [.. s.Ripples.Unintended.Select(u => u.Label + (u.Order is { } o ? $" ({Reach(o, 1)})" : ""))]);
        yield return new("Indicators", [.. s.Indicators.Select(Movement)]);
        yield return new("Stories selected as significant", [.. s.Stories.Select(st =>
            $"“{st.Title}”, selected by {And(st.Selections.Select(x => x.Panel))}.")]);
        if (s.Reflections.Count == 0) yield return new("Reflections", []);
        foreach (var (kind, title) in ReflectionTitles)
            if (s.Reflections.Where(r => r.Kind == kind).ToList() is { Count: > 0 } reflections)
                yield return new(title, [.. reflections.Select(r => r.Text + ByRole("from", r.ByRole))]);
        yield return new("What the mapping sessions said", [.. (s.MappingSessions ?? []).Select(m => m.Line)]);
        yield return new("Adaptations agreed", [.. s.Adaptations.Select(a => Sentence(a.Text)
            + (a.Owner is null ? "" : $" Owner: {a.Owner}.") + (a.LatestProgress is { } p ? $" So far: {Words(p.Status)}." : "") + ByRole("recorded by", a.AgreedByRole))]);
        yield return new("Follow-through on the previous review", [.. s.FollowThrough.Select(f => Sentence(f.Text)
            + (f.Status is { } status ? $" So far: {Words(status)}." : " No progress was recorded.") + (f.Note is null ? "" : $" {Sentence(f.Note)}"))]);
        if (s.Relationships is { } relationships)
            yield return new("Relationships", [
                .. relationships.Imperatives.Select(Commitment),
                .. relationships.Imperatives.SelectMany(i => i.Examples.Select(e => $"Example{(e.Role is null ? "" : $" ({e.Role})")} of “{i.Text}”: {e.Text}")),
                .. relationships.Partners > 0
                    ? [$"{NetworkWords.Pairs(relationships.Ties, relationships.Partners).TrimEnd('.')} by {TrendSentence.Day(s.PeriodEnd)}."] : Array.Empty<string>(),
                .. relationships.NewTies.Select(t => $"{t.FromName} and {t.ToName} first worked together on {TrendSentence.Day(t.First)}.")]);
        if (s.Summary is not null) yield return new("What the review concluded", [s.Summary]);
    }

    private static IEnumerable<string> RippleSentences(ReviewRipples r)
    {
        static string Ripples(int n) => n == 1 ? "1 ripple" : $"{n} ripples";
        yield return $"{Capitalised(Ripples(r.Added))} {(r.Added == 1 ? "was" : "were")} added to the maps in the period"
            + (r.Recoded == 0 ? "." : $", and {r.Recoded} re-coded.");
        var reach = r.ByOrder.Select(o => (Order: int.Parse(o.Key, CultureInfo.InvariantCulture), Count: o.Value)).Where(o => o.Count > 0).ToList();
        if (reach.Count > 0) yield return $"How far they reach: {And(reach.Select(o => Reach(o.Order, o.Count)))}.";
        var capitals = r.ByCapital.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ToList();
        if (capitals.Count > 0) yield return $"They touch {And(capitals.Select(c => $"{c.Key} capital ({Ripples(c.Value)})"))}.";
    }

    /// <summary>A ripple's order as how far it is from the work: direct results, knock-on results, further out.</summary>
    private static string Reach(int order, int count) => order switch
    {
        1 => count == 1 ? "a direct result of the work" : $"{count} direct results of the work",
        2 => count == 1 ? "a knock-on result" : $"{count} knock-on results",
        _ => count == 1 ? "a result further out" : $"{count} results further out"
    };

    /// <summary>"Doors open: 30 on 30 June 2026; rising across 5 readings …": an indicator over the review's period.</summary>
    public static string Movement(IndicatorMovement i)
    {
        string At(ReadingPoint p) => $"{TrendSentence.Value(p.Value, i.Unit)} on {TrendSentence.Day(p.ObservedOn)}";
        var within = (i.First, i.Last) switch
        {
            ({ } first, { } last) when first.ObservedOn != last.ObservedOn => $"{At(first)}, then {At(last)}",
            ({ } only, _) => At(only),
            _ => "no reading in this period"
        };
        return $"{i.Name}: {within}; {i.DirectionWords}.";
    }

    /// <summary>How a commitment fared in the period's latest check-in round, and which way it is going.</summary>
    public static string Commitment(ImperativeMovement i)
    {
        var middle = i.Median is not { } median ? "too few answered to show the middle answer"
            : $"the middle answer was {RatingScale.Describe(median)}" + (i.PreviousMedian is not { } before ? ""
                : before == median ? ", as in the round before"
                : $", {(median > before ? "up" : "down")} from {RatingScale.Describe(before)} in the round before");
        var roles = i.Divergence?.Level switch
        {
            "aligned" => "; roles see it much the same",
            "differs" => "; roles see it differently",
            "diverges" => "; roles see it very differently, worth a conversation",
            _ => ""
        };
        return $"“{i.Text}”: {middle}{roles}. Which way it is going: {i.DirectionWords}.";
    }

    private static string And(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }

    private static string Sentence(string text) => text.TrimEnd().EndsWith('.') || text.TrimEnd().EndsWith('?') || text.TrimEnd().EndsWith('!') ? text.TrimEnd() : text.TrimEnd() + ".";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string ByRole(string wording, AllianceRole? role) => role is { } r ? $" ({wording} {r.WithArticle()})" : "";
}
