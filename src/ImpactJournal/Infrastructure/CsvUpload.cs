using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// What every CSV import shares: the content type, a streaming parser, a header of known columns
/// (case-insensitive), and the rows with the line each starts on (quoted fields may span lines).
/// </summary>
public static class CsvUpload
{
    public static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';')[0].Trim().Equals("text/csv", StringComparison.OrdinalIgnoreCase);

    public static IResult UnsupportedMediaType(string what) => Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported Media Type", detail: $"Send the {what} as text/csv with a header row.");

    /// <summary>A parser over the body that reads one row at a time; a byte-order mark is honoured.</summary>
    public static CsvParser Open(Stream body) =>
        new(new StreamReader(body, detectEncodingFromByteOrderMarks: true), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            DetectDelimiter = false,
            TrimOptions = TrimOptions.None
        });

    /// <summary>Reads the header row; unknown, repeated or missing columns make the whole file unusable.</summary>
    public static async Task<(CsvColumns? Columns, Validation Problems)> ReadHeaderAsync(CsvParser parser, string[] required, string[] optional)
    {
        var validation = new Validation();
        if (!await parser.ReadAsync() || parser.Record is not { } header)
            return (null, validation.Add("file", "The file is empty; it needs a header row."));

        var known = required.Concat(optional).ToDictionary(c => c, StringComparer.OrdinalIgnoreCase);
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (!known.TryGetValue(name, out var canonical)) validation.Add("header", $"Unknown column '{name}'.");
            else if (!columns.TryAdd(canonical, i)) validation.Add("header", $"Column '{canonical}' appears twice.");
        }
        foreach (var missing in required.Where(c => !columns.ContainsKey(c))) validation.Add("header", $"Missing column '{missing}'.");
        return (validation.IsValid ? new CsvColumns(columns) : null, validation);
    }

    /// <summary>The data rows after the header, each with the line it starts on; blank lines are skipped.</summary>
    public static async IAsyncEnumerable<(long Line, string[] Row)> RowsAsync(CsvParser parser, [EnumeratorCancellation] CancellationToken ct = default)
    {
        long previousEnd = parser.RawRow;
        while (!ct.IsCancellationRequested && await parser.ReadAsync())
        {
            var line = previousEnd + 1;
            previousEnd = parser.RawRow;
            if (parser.Record is null or [""]) continue;
            yield return (line, parser.Record);
        }
    }
}

/// <summary>The columns a header named, by their canonical names; reads trimmed cells and typed values of a row.</summary>
public sealed class CsvColumns(IReadOnlyDictionary<string, int> columns)
{
    /// <summary>
    /// Errors for every cell of the row that PostgreSQL could not store (NUL characters, unpaired
    /// surrogates), checked before any cell is parsed: number parsing would quietly ignore a trailing NUL.
    /// </summary>
    public Dictionary<string, string[]> UnstorableCells(string[] row)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (column, i) in columns)
            if (i < row.Length && !StoredTextConverter.IsStorable(row[i]))
                errors[column] = ["May not contain NUL characters or unpaired surrogates."];
        return errors;
    }

    /// <summary>The trimmed cell, or null when the column is absent or the cell blank.</summary>
    public string? Cell(string[] row, string column) =>
        columns.TryGetValue(column, out var i) && i < row.Length && !string.IsNullOrWhiteSpace(row[i]) ? row[i].Trim() : null;

    /// <summary>The parsed cell, or null when blank; a cell that does not parse adds the expected form to the row's errors.</summary>
    public T? Parse<T>(string[] row, string column, Func<string, T?> parse, string expected, IDictionary<string, string[]> errors) where T : struct
    {
        if (Cell(row, column) is not { } cell) return null;
        var value = parse(cell);
        if (value is null) errors[column] = [expected];
        return value;
    }
}
