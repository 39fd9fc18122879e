namespace ImpactJournal.Infrastructure;

/// <summary>Cells of every CSV the journal writes.</summary>
public static class CsvCells
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>
    /// Text a person typed, made inert for spreadsheets: a cell starting like a formula
    /// (<c>=HYPERLINK(…)</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, carriage return) gets a leading apostrophe.
    /// </summary>
    public static string? Inert(string? text) =>
        text is { Length: > 0 } && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>RFC 4180 quoting of a text cell, made inert first.</summary>
    public static string Quoted(string text)
    {
        var inert = Inert(text)!;
        return inert.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + inert.Replace("\"", "\"\"") + "\"" : inert;
    }
}
