using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.LearningReviews;

/// <summary>The review summary as Markdown (for wikis and emails) and as a printable HTML page (for board papers).</summary>
public static class ReviewSummaryText
{
    public static string Markdown(ReviewSummary s) => SectionedText.Markdown(s.Title, Subtitle(s), Sections(s));

    public static string Html(ReviewSummary s) => SectionedText.Html(s.Title, Subtitle(s), Sections(s));

    private static string Subtitle(ReviewSummary s) => $"Period {s.PeriodStart:yyyy-MM-dd} to {s.PeriodEnd:yyyy-MM-dd} · review {s.Status}";

    /// <summary>
    /// The summary's sections as lines of text; <paramref name="count"/> writes a count (a number, or a suppressed
    /// one) and <paramref name="direction"/> an indicator's direction, each in the reader's words.
    /// </summary>
    public static IEnumerable<Section> Sections(ReviewSummary s, Func<object, string>? count = null,
        Func<Indicators.TrendDirection, string>? direction = null)
    {
        count ??= c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "";
        direction ??= d => Vocabulary.Spell(d);
        yield return new("Guiding questions", [.. s.Questions]);
        yield return new("Activity", [
            $"Observations: {count(s.Activity.Observations)}",
            .. s.Activity.ByPartner.Select(p => $"{p.Name}: {count(p.Count)}"),
            .. s.Activity.ByTheme.Select(t => $"Theme “{t.Theme}”: {count(t.Count)}")]);
        yield return new("Ripples", [
            $"Added: {s.Ripples.Added}; re-coded: {s.Ripples.Recoded}",
            $"By order: {Pairs(s.Ripples.ByOrder)}",
            $"By capital: {Pairs(s.Ripples.ByCapital.Where(c => c.Value > 0))}"]);
        yield return new("Surprises (unintended ripples)", [.. s.Ripples.Unintended.Select(u => u.Label + (u.Order is { } o ? $" (order {o})" : ""))]);
        yield return new("Indicator movements", [.. s.Indicators.Select(i =>
            $"{i.Name}: {Point(i.First)} → {Point(i.Last)}, {direction(i.Direction)} (definition v{i.DefinitionVersion})")]);
        yield return new("Stories selected as significant", [.. s.Stories.Select(st =>
            (st.Restricted ? "A story shared with the alliance only" : st.Title ?? "") + " — selected by " + string.Join(", ", st.Selections.Select(x => x.Panel)))]);
        yield return new("Reflections", [.. s.Reflections.Select(r => $"{Vocabulary.Spell(r.Kind)}: {r.Text}{ByRole("from", r.ByRole)}")]);
        yield return new("Adaptations", [.. s.Adaptations.Select(a => a.Text + (a.Owner is null ? "" : $" (owner: {a.Owner})")
            + (a.LatestProgress is { } p ? $" — {Vocabulary.Spell(p.Status)}" : "") + ByRole("recorded by", a.AgreedByRole))]);
        yield return new("Follow-through on the previous review", [.. s.FollowThrough.Select(f =>
            $"{f.Text}: {(f.Status is { } status ? Vocabulary.Spell(status) : "no progress recorded")}{(f.Note is null ? "" : $" — {f.Note}")}")]);
        if (s.Relationships is { } relationships)
            yield return new("Relationships", [
                .. relationships.Imperatives.Select(i => $"“{i.Text}”: "
                    + (i.Median is { } median ? $"middle answer {CheckIns.RatingScale.Describe(median)}" : "too few ratings to show")
                    + (i.PreviousMedian is { } before ? $", was {CheckIns.RatingScale.Describe(before)}" : "")
                    + $"; {direction(i.Direction)}"
                    + (i.Divergence is { } d ? $"; roles {d.Level}" : "")),
                .. relationships.Imperatives.SelectMany(i => i.Examples.Select(e => $"Example{(e.Role is null ? "" : $" ({e.Role})")} of “{i.Text}”: {e.Text}")),
                $"Collaboration network density at the period's end: {relationships.Density:0.00}",
                .. relationships.NewTies.Select(t => $"New tie: {t.FromName} and {t.ToName} (first {t.First:yyyy-MM-dd})")]);
        if (s.Summary is not null) yield return new("Summary", [s.Summary]);
    }

    /// <summary>Who wrote it, by role, so that a commissioner's words do not read as the alliance's own.</summary>
    private static string ByRole(string wording, AllianceRole? role) => role is { } r ? $" ({wording} {r.WithArticle()})" : "";

    private static string Pairs<T>(IEnumerable<KeyValuePair<string, T>> pairs) =>
        string.Join(", ", pairs.Select(p => $"{p.Key}: {p.Value}")) is { Length: > 0 } text ? text : "none";

    private static string Point(Indicators.ReadingPoint? point) =>
        point is null ? "no reading" : $"{point.Value.ToString("0.###", CultureInfo.InvariantCulture)} ({point.ObservedOn:yyyy-MM-dd})";
}
