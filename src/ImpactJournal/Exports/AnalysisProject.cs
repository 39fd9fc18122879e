using System.Globalization;
using ImpactJournal.Alliances;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.Stories;

namespace ImpactJournal.Exports;

/// <summary>
/// How an alliance's records become a REFI-QDA project: its codebook's themes (by their current names, so themes merged
/// into one are one code) and the seven community capitals as codes
/// (each under a parent code of its own), each observation and story as a text source coded with its themes and
/// capitals, and who, when, which partner, the consent and every signifier value as variables. Authors are left
/// out: the schema does not require users, and a reader of the export learns no more of who wrote what than the
/// journal's pages tell them.
/// </summary>
public sealed class AnalysisProject
{
    private readonly Guid _allianceId;
    private readonly Alliance _alliance;
    private readonly AllianceCodebook _codebook;
    private readonly Dictionary<string, Guid> _themeCodes;
    private readonly Dictionary<CommunityCapital, Guid> _capitalCodes;
    private readonly IReadOnlyList<(SignifierColumn Column, QdaVariable Variable)> _signifiers;

    public AnalysisProject(Guid allianceId, Alliance alliance, IEnumerable<string> recordedThemes, AllianceCodebook codebook,
        IReadOnlyList<SignifierColumn> signifierColumns)
    {
        (_allianceId, _alliance, _codebook) = (allianceId, alliance, codebook);
        Record = Variable("Record", QdaVariableType.Text, "observation or story");
        Date = Variable("Date", QdaVariableType.Date, "when it was observed, or the day the story was told");
        Partner = Variable("Partner", QdaVariableType.Text, "the partner organisation it came from");
        ConsentScope = Variable("Consent scope", QdaVariableType.Text, "who the teller allowed to read it: alliance, commissioners or public");
        Identifiable = Variable("Identifiable", QdaVariableType.Boolean, "whether the teller allowed it to name or identify people");
        TellerRole = Variable("Teller role", QdaVariableType.Text, "stories: the teller's role, in their words");
        DomainOfChange = Variable("Domain of change", QdaVariableType.Text, "stories: the domain of change");
        Selected = Variable("Selected by a panel", QdaVariableType.Boolean, "stories: whether a panel selected it as most significant");
        Valence = Variable("Valence", QdaVariableType.Text, "observations: generative, degenerative, mixed or unclear");
        Place = Variable("Place", QdaVariableType.Text, "observations: where");
        _signifiers = [.. signifierColumns.Select(c => (c, Variable(c.Name, c.Kind == SignifierKind.Choice ? QdaVariableType.Text : QdaVariableType.Float,
            c.Kind switch
            {
                SignifierKind.Triad => "stories: the weight the teller gave this corner of the triangle (0 to 1; the three corners add up to 1)",
                SignifierKind.Dyad => "stories: where the teller placed the story on the line (0 at the first pole, 1 at the second)",
                _ => "stories: the option the teller chose"
            })))];

        _capitalCodes = Enum.GetValues<CommunityCapital>().ToDictionary(c => c, c => Id("capital", Vocabulary.Spell(c)));
        _themeCodes = codebook.CurrentNamesOf(recordedThemes).Order(StringComparer.Ordinal)
            .ToDictionary(name => name, name => Id("theme", name));
        Codes =
        [
            new QdaCode(Id("code", "themes"), "Themes", false,
                [.. _themeCodes.Select(t => new QdaCode(t.Value, t.Key, true, [], ThemeDescription(t.Key)))],
                "The alliance's codebook: the themes observations and stories are coded with, by their current names."),
            new QdaCode(Id("code", "capitals"), "Community capitals", false,
                [.. Enum.GetValues<CommunityCapital>().Select(c => new QdaCode(_capitalCodes[c], Words(c), true, []))],
                "The seven community capitals observations are coded to.")
        ];
        Variables = [Record, Date, Partner, ConsentScope, Identifiable, TellerRole, DomainOfChange, Selected, Valence, Place,
            .. _signifiers.Select(s => s.Variable)];
    }

    public IReadOnlyList<QdaCode> Codes { get; }
    public IReadOnlyList<QdaVariable> Variables { get; }
    public QdaVariable Record { get; }
    public QdaVariable Date { get; }
    public QdaVariable Partner { get; }
    public QdaVariable ConsentScope { get; }
    public QdaVariable Identifiable { get; }
    public QdaVariable TellerRole { get; }
    public QdaVariable DomainOfChange { get; }
    public QdaVariable Selected { get; }
    public QdaVariable Valence { get; }
    public QdaVariable Place { get; }

    public QdaSource Of(ObservationForAnalysis o)
    {
        // Each theme once under its current name, then each capital once (a theme's code is never a capital's).
        var codes = new List<Guid>(o.Themes.Count + o.Capitals.Count);
        foreach (var theme in ThemesOf(o.Themes)) AddOnce(codes, _themeCodes[theme]);
        foreach (var capital in o.Capitals) AddOnce(codes, _capitalCodes[capital]);
        var day = Day(DateOnly.FromDateTime(o.ObservedAt.DateTime));
        List<QdaValue> values =
        [
            new(Record, "observation"),
            new(Date, day),
            new(Partner, PartnerName(o.PartnerId)),
            new(ConsentScope, Vocabulary.Spell(o.Consent.Scope)),
            new(Identifiable, o.Consent.Identifiable ? "true" : "false"),
            new(Valence, Vocabulary.Spell(o.Valence)),
        ];
        if (!string.IsNullOrWhiteSpace(o.Place)) values.Add(new(Place, o.Place));
        return new QdaSource(o.Id, $"Observation {day} {Short(o.Id)}", o.Text ?? "", o.LoggedAt, codes, values);
    }

    private static void AddOnce(List<Guid> codes, Guid code)
    {
        if (!codes.Contains(code)) codes.Add(code);
    }

    public QdaSource Of(Story s)
    {
        List<QdaValue> values =
        [
            new(Record, "story"),
            new(Date, Day(s.ToldOn)),
            new(Partner, PartnerName(s.PartnerId)),
            new(ConsentScope, Vocabulary.Spell(s.Consent.Scope)),
            new(Identifiable, s.Consent.Identifiable ? "true" : "false"),
            new(Selected, s.Selections.Count > 0 ? "true" : "false"),
        ];
        if (!string.IsNullOrWhiteSpace(s.TellerRole)) values.Add(new(TellerRole, s.TellerRole));
        if (!string.IsNullOrWhiteSpace(s.DomainOfChange)) values.Add(new(DomainOfChange, s.DomainOfChange));
        foreach (var (column, variable) in _signifiers)
            if (column.ValueIn(s.Signifiers) is { } value) values.Add(new(variable, value));
        var name = $"Story {Day(s.ToldOn)} {Short(s.Id)}: {s.Title}";
        return new QdaSource(s.Id, name, s.Narrative ?? "", s.RecordedAt, [.. ThemesOf(s.Themes).Select(t => _themeCodes[t])], values);
    }

    /// <summary>A record's themes as the codebook names them now.</summary>
    public IReadOnlyList<string> ThemesOf(IEnumerable<string>? recorded) => _codebook.CurrentNamesOf(recorded);

    /// <summary>The codebook's description of a theme, and the words it was also recorded with (renamed or merged into it).</summary>
    private string? ThemeDescription(string name)
    {
        var former = _codebook.FormerNamesOf(name);
        string?[] parts = [_codebook.DescriptionOf(name), former.Count == 0 ? null : $"Also recorded as {string.Join(", ", former.Select(f => $"“{f}”"))}."];
        return parts.Any(p => p is not null) ? string.Join(" ", parts.OfType<string>()) : null;
    }

    public string PartnerName(Guid partnerId) => _alliance.PartnerById(partnerId)?.Name ?? "a former partner";

    /// <summary>A capital in words, as the journal's pages name it ("Social capital").</summary>
    public static string Words(CommunityCapital capital) => $"{capital} capital";

    private QdaVariable Variable(string name, QdaVariableType type, string description) => new(Id("variable", name), name, type, description);

    /// <summary>The same alliance and name always give the same id, so re-imported projects line up.</summary>
    private Guid Id(string kind, string name) => DerivedId.From(_allianceId, DerivedId.Named($"{kind}:{name}"));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Short(Guid id) => id.ToString("N")[..8];
}
