using System.Globalization;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;

namespace ImpactJournal.Observations;

/// <summary>
/// The columns of an observation import (header names are case-insensitive; lists are separated
/// by ';') and how one row becomes the same command the JSON endpoint takes.
/// </summary>
public sealed class ObservationCsv
{
    public static readonly string[] Required = ["observedAt", "text", "valence", "consentScope", "identifiable"];
    public static readonly string[] Optional = ["id", "themes", "capitals", "partnerId", "place", "withPartners"];

    private readonly CsvColumns _columns;

    private ObservationCsv(CsvColumns columns) => _columns = columns;

    /// <summary>Reads the header row; unknown or missing columns make the whole file unusable.</summary>
    public static async Task<(ObservationCsv? Csv, Validation Problems)> FromHeaderAsync(CsvHelper.CsvParser parser)
    {
        var (columns, problems) = await CsvUpload.ReadHeaderAsync(parser, Required, Optional);
        return (columns is null ? null : new ObservationCsv(columns), problems);
    }

    /// <summary>The command of one row, or the field errors that make it unreadable.</summary>
    public (LogObservation? Command, Dictionary<string, string[]> Errors) Read(string[] row)
    {
        var errors = _columns.UnstorableCells(row);
        if (errors.Count > 0) return (null, errors);
        string? Cell(string column) => _columns.Cell(row, column);
        T? Parse<T>(string column, Func<string, T?> parse, string expected) where T : struct => _columns.Parse(row, column, parse, expected, errors);

        var id = Parse("id", c => Guid.TryParse(c, out var g) ? g : (Guid?)null, "A UUID.");
        var observedAt = Parse("observedAt", c => DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var d) && JournalDates.IsPlausible(d) ? d : (DateTimeOffset?)null,
            $"An ISO-8601 timestamp {JournalDates.Range}.");
        var valence = Parse("valence", c => Spelled<Valence>(c), $"One of {Vocabulary.ListOf<Valence>()}.");
        var scope = Parse("consentScope", c => Spelled<ConsentScope>(c), $"One of {Vocabulary.ListOf<ConsentScope>()}.");
        var identifiable = Parse("identifiable", YesOrNo, "true or false.");
        var partnerId = Parse("partnerId", c => Guid.TryParse(c, out var g) ? g : (Guid?)null, "A UUID.");

        var capitals = new List<CommunityCapital?>();
        foreach (var name in List(Cell("capitals")))
        {
            var capital = Spelled<CommunityCapital>(name);
            if (capital is null) errors["capitals"] = [$"'{name}' is not one of {Vocabulary.ListOf<CommunityCapital>()}."];
            capitals.Add(capital);
        }

        var withPartners = new List<Guid>();
        foreach (var named in List(Cell("withPartners")))
        {
            if (Guid.TryParse(named, out var other)) withPartners.Add(other);
            else errors["withPartners"] = [$"'{named}' is not a partner id (UUIDs separated by ';')."];
        }

        if (errors.Count > 0) return (null, errors);
        var command = new LogObservation(id, Cell("text"), observedAt, Cell("place"), [.. List(Cell("themes"))], capitals,
            valence, partnerId, new ConsentInput(scope, identifiable), withPartners.Count == 0 ? null : withPartners);
        return (command, errors);
    }

    private static IEnumerable<string> List(string? cell) =>
        cell is null ? [] : cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T? Spelled<T>(string text) where T : struct, Enum => Vocabulary.Parse<T>(text);

    private static bool? YesOrNo(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" => true,
        "false" or "no" or "n" or "0" => false,
        _ => null
    };
}
