using System.Globalization;
using System.Text;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ImpactJournal.Stories.Patterns;

/// <summary>
/// Which stories a pattern is drawn from: the teller's role, answers to choices, the period they were told in, the
/// domain of change, a theme, and whether a panel selected them. Read from a query string (<c>role</c>,
/// <c>choice.&lt;key&gt;=&lt;option&gt;</c>, <c>from</c>, <c>to</c>, <c>domain</c>, <c>theme</c>, <c>selected</c>),
/// the same for the API, the page and the second group of a comparison.
/// </summary>
public sealed record PatternFilter(
    string? Role,
    IReadOnlyDictionary<string, string> Choices,
    DateOnly? From,
    DateOnly? To,
    string? Domain,
    string? Theme,
    bool? Selected)
{
    public const string ChoicePrefix = "choice.";
    public const int MaxChoices = 10;
    private const int MaxText = 200;

    public static readonly PatternFilter Everything = new(null, new Dictionary<string, string>(), null, null, null, null, null);

    public bool IsEverything => Parts.Count == 0;

    /// <summary>
    /// The period widened to whole calendar months (the first of <see cref="From"/>'s month to the last of
    /// <see cref="To"/>'s), as commissioners are shown it: two periods a day apart then cannot single out the stories
    /// told between them.
    /// </summary>
    public PatternFilter InWholeMonths() => this with
    {
        From = From is { } from ? new DateOnly(from.Year, from.Month, 1) : null,
        To = To is { } to ? new DateOnly(to.Year, to.Month, 1).AddMonths(1).AddDays(-1) : null
    };

    /// <summary>
    /// Each filter on its own, named as in the query (a period is one filter): a commissioner's group is checked against
    /// every wider group made by leaving some of them out.
    /// </summary>
    public IReadOnlyList<string> Parts =>
    [
        .. Role is null ? Array.Empty<string>() : ["role"],
        .. Choices.Keys.Order(StringComparer.Ordinal).Select(k => ChoicePrefix + k),
        .. From is null && To is null ? Array.Empty<string>() : ["period"],
        .. Domain is null ? Array.Empty<string>() : ["domain"],
        .. Theme is null ? Array.Empty<string>() : ["theme"],
        .. Selected is null ? Array.Empty<string>() : ["selected"]
    ];

    /// <summary>This filter with only the named parts kept.</summary>
    public PatternFilter Keeping(IReadOnlySet<string> parts) => new(
        parts.Contains("role") ? Role : null,
        Choices.Where(c => parts.Contains(ChoicePrefix + c.Key)).ToDictionary(c => c.Key, c => c.Value),
        parts.Contains("period") ? From : null,
        parts.Contains("period") ? To : null,
        parts.Contains("domain") ? Domain : null,
        parts.Contains("theme") ? Theme : null,
        parts.Contains("selected") ? Selected : null);

    /// <summary>This filter with its theme under the codebook's current name.</summary>
    public PatternFilter InCodebook(Codebook.AllianceCodebook codebook) => Theme is null ? this : this with { Theme = codebook.CurrentNameOf(Theme) };

    /// <summary>Reads the filters from query values, named with an optional prefix (the page's second group uses "b.").</summary>
    public static PatternFilter Read(IEnumerable<KeyValuePair<string, StringValues>> query, Validation validation, string prefix = "")
    {
        string? Text(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (value.Length > MaxText) validation.Add(prefix + name, $"At most {MaxText} characters.");
            return value.Trim();
        }

        DateOnly? Day(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && JournalDates.IsPlausible(day)) return day;
            validation.Add(prefix + name, $"A date (YYYY-MM-DD) {JournalDates.Range}.");
            return null;
        }

        var values = query.Where(q => q.Key.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(q => q.Key[prefix.Length..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(q => q.Value).LastOrDefault(v => !string.IsNullOrWhiteSpace(v)), StringComparer.Ordinal);
        string? Value(string name) => values.GetValueOrDefault(name);

        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in values.Where(v => v.Key.StartsWith(ChoicePrefix, StringComparison.Ordinal)))
        {
            var key = name[ChoicePrefix.Length..];
            if (key.Length == 0 || key.Length > FrameworkLimits.KeyLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                validation.Add(prefix + name, "Not a choice's key (letters, digits, '-' or '_').");
            else if (Text(name, option) is { } answer) choices[key] = answer;
        }
        if (choices.Count > MaxChoices) validation.Add(prefix + ChoicePrefix, $"At most {MaxChoices} choices at once.");

        bool? selected = null;
        if (Value("selected") is { } raw)
        {
            if (bool.TryParse(raw.Trim(), out var yes)) selected = yes;
            else validation.Add(prefix + "selected", "true or false.");
        }
        var (from, to) = (Day("from", Value("from")), Day("to", Value("to")));
        if (from > to) validation.Add(prefix + "to", "Must not be before from.");
        return new PatternFilter(Text("role", Value("role")), choices, from, to, Text("domain", Value("domain")),
            Text("theme", Value("theme")), selected);
    }

    /// <summary>Reads a filter sent as one URL-encoded query string (the API's <c>compare=</c>).</summary>
    public static PatternFilter ReadEncoded(string encoded, Validation validation, string field)
    {
        var inner = new Validation();
        var filter = Read(QueryHelpers.ParseQuery(encoded.StartsWith('?') ? encoded : "?" + encoded), inner);
        foreach (var (name, messages) in inner.ToErrors())
            foreach (var message in messages) validation.Add($"{field}.{name}", message);
        return filter;
    }

    /// <summary>The query string that reads back as this filter, each name with the prefix.</summary>
    public string ToQuery(string prefix = "")
    {
        var parts = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (value is not null) parts.Add(new(prefix + name, value));
        }
        Add("role", Role);
        foreach (var (key, option) in Choices.OrderBy(c => c.Key, StringComparer.Ordinal)) Add(ChoicePrefix + key, option);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("domain", Domain);
        Add("theme", Theme);
        Add("selected", Selected is { } s ? (s ? "true" : "false") : null);
        return QueryString.Create(parts).ToUriComponent().TrimStart('?');
    }

    /// <summary>The filter in a few plain words ("told by young people, feeling: hopeful, 1 April 2025 to 31 March 2026").</summary>
    public string Describe()
    {
        if (IsEverything) return "all stories";
        var words = new List<string>();
        if (Role is not null) words.Add($"told by {Role}");
        words.AddRange(Choices.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}"));
        if (From is not null || To is not null) words.Add(From is null ? $"told up to {Said(To!.Value)}"
            : To is null ? $"told from {Said(From.Value)}" : $"told {Said(From.Value)} to {Said(To.Value)}");
        if (Domain is not null) words.Add($"domain: {Domain}");
        if (Theme is not null) words.Add($"theme: {Theme}");
        if (Selected is { } s) words.Add(s ? "selected by a panel" : "not selected by a panel");
        return string.Join(", ", words);
    }

    private static string Said(DateOnly day) => Indicators.TrendSentence.Day(day);
}
