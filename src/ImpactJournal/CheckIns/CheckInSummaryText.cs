using ImpactJournal.Infrastructure;

namespace ImpactJournal.CheckIns;

/// <summary>A round's summary as sections of text: one per imperative, for Markdown, a printable page and the web app.</summary>
public static class CheckInSummaryText
{
    public static string Markdown(CheckInSummary s) => SectionedText.Markdown(s.Title, Subtitle(s), Sections(s));

    public static string Html(CheckInSummary s) => SectionedText.Html(s.Title, Subtitle(s), Sections(s));

    public static string Subtitle(CheckInSummary s) =>
        $"Check-in for {s.PeriodStart:d MMMM yyyy} to {s.PeriodEnd:d MMMM yyyy} · round {s.Status} · {Progress(s)}";

    /// <summary>"7 of 12 have answered" while open; how many answered once closed; and how many residents answered by invitation.</summary>
    public static string Progress(CheckInSummary s) => (s.Status == "open"
        ? $"{s.Respondents} of {s.Eligible} {(s.Respondents == 1 ? "has" : "have")} answered"
        : $"{s.Respondents} {(s.Respondents == 1 ? "person" : "people")} answered")
        + (s.Residents == 0 ? "" : $", and {s.Residents} {(s.Residents == 1 ? "resident" : "residents")} by invitation");

    public static IEnumerable<Section> Sections(CheckInSummary s) => s.Imperatives.Select(i => new Section(i.Text, [
        $"Answered: {i.Answered}",
        i.Distribution is null ? $"Answers: not shown, {i.Withheld}" : "Answers: " + Distribution(i.Distribution),
        i.Median is { } median ? $"Middle answer: {RatingScale.Describe(median)}" : $"Middle answer: not shown, {i.Withheld}",
        .. i.ByRole.Select(r => $"{Capitalised(r.Key)}s: {Answered(r.Value.Answered)} answered"
                                + (r.Value.Median is { } m ? $", middle answer {RatingScale.Describe(m)}" : $", middle answer not shown: {r.Value.Withheld}")),
        i.Divergence is { } d ? $"Seen differently: {d.Level} ({Words(d)})" : "Seen differently: not shown, it needs two roles' middle answers",
        .. i.DirectionWords is { } direction ? [$"Which way it is going: {direction}"] : Array.Empty<string>(),
        .. i.Examples.Select(e => e.Role is null ? $"Example: {e.Text}" : $"Example from a {e.Role}: {e.Text}"),
        .. i.WouldHelp.Select(w => $"Would help: {w}")]));

    /// <summary>A role's count in words: the number, or "fewer than 3".</summary>
    public static string Answered(object answered) => answered is ImperativeRatings.FewerInRole ? "fewer than 3" : $"{answered}";

    private static string Distribution(IReadOnlyDictionary<string, int> distribution) => string.Join(", ",
        RatingScale.Points.Select(p => $"{p.Words} {distribution.GetValueOrDefault(p.Value.ToString(), 0)}")
            .Append($"{RatingScale.CantSay} {distribution.GetValueOrDefault(ImperativeRatings.CantSay, 0)}"));

    private static string Words(Divergence d) =>
        $"{Vocabulary.Spell(d.Lowest)}s lowest, {Vocabulary.Spell(d.Highest)}s highest, {d.Gap:0.#} points apart";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
