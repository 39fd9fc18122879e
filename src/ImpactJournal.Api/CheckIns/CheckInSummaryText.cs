using ImpactJournal.Infrastructure;

namespace ImpactJournal.CheckIns;

/// <summary>A round's summary as sections of text: one per imperative, for Markdown, a printable page and the web app.</summary>
public static class CheckInSummaryText
{
    public static string Markdown(CheckInSummary s) => SectionedText.Markdown(s.Title, Subtitle(s), Sections(s));

    public static string Html(CheckInSummary s) => SectionedText.Html(s.Title, Subtitle(s), Sections(s));

    public static string Subtitle(CheckInSummary s) =>
        $"Check-in for {s.PeriodStart:d MMMM yyyy} to {s.PeriodEnd:d MMMM yyyy} · round {s.Status} · {s.Respondents} {(s.Respondents == 1 ? "person" : "people")} answered";

    public static IEnumerable<Section> Sections(CheckInSummary s) => s.Imperatives.Select(i => new Section(i.Text, [
        $"Answered: {i.Answered}",
        i.Distribution is null ? $"Answers: {i.TooFew}" : "Answers: " + Distribution(i.Distribution),
        i.Median is { } median ? $"Middle answer: {RatingScale.Describe(median)}" : "Middle answer: too few ratings to show",
        .. i.ByRole.Select(r => $"{Capitalised(r.Key)}s: {r.Value.Answered} answered"
                                + (r.Value.Median is { } m ? $", middle answer {RatingScale.Describe(m)}" : "")),
        i.Divergence is { } d ? $"Seen differently: {d.Level} ({Words(d)})" : "Seen differently: too few answers in each role to compare",
        .. i.Examples.Select(e => $"Example from a {e.Role}: {e.Text}"),
        .. i.WouldHelp.Select(w => $"Would help: {w}")]));

    private static string Distribution(IReadOnlyDictionary<string, int> distribution) => string.Join(", ",
        RatingScale.Points.Select(p => $"{p.Words} {distribution.GetValueOrDefault(p.Value.ToString(), 0)}")
            .Append($"{RatingScale.CantSay} {distribution.GetValueOrDefault(ImperativeRatings.CantSay, 0)}"));

    private static string Words(Divergence d) =>
        $"{Vocabulary.Spell(d.Lowest)}s lowest, {Vocabulary.Spell(d.Highest)}s highest, {d.Gap:0.#} points apart";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
