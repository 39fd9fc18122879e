namespace ImpactJournal.RippleMaps;

/// <summary>
/// A label as a room reads it: the whole text wrapped over at most four lines, shortened only past
/// <see cref="Longest"/> characters (the whole text stays in the picture's title), and the size of its box
/// estimated a little generously for the picture's font, so boxes laid apart never overlap on screen.
/// </summary>
public sealed record RippleLabel(IReadOnlyList<string> Lines, double FontSize, bool Shortened)
{
    public const int Longest = 120;
    public const int MaxLines = 4;
    private const int ShortestLine = 20;
    public const double LineHeight = 1.2;
    /// <summary>DejaVu Sans (Debian's sans-serif, and close to Verdana); the widths below are its, rounded up.</summary>
    public const string FontFamily = "DejaVu Sans, Verdana, sans-serif";

    public double Width => Lines.Count == 0 ? 0 : Lines.Max(l => WidthOf(l, FontSize));

    public double Height => Lines.Count * FontSize * LineHeight;

    /// <summary>The label of a text; <paramref name="shortestLine"/> is how many characters a line may hold before the label
    /// is wrapped over more lines (an outline's columns can take longer lines than the rings).</summary>
    public static RippleLabel Of(string text, double fontSize, int shortestLine = ShortestLine)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var whole = string.Join(' ', words);
        var shortened = whole.Length > Longest;
        if (shortened) whole = whole[..(Longest - 1)].TrimEnd() + "…";
        // Lines as even as four lines allow, never narrower than a short phrase.
        var lineLength = Math.Max(shortestLine, (int)Math.Ceiling(whole.Length / (double)MaxLines));
        var lines = new List<string>();
        for (var tries = 0; ; tries++)
        {
            lines = Wrap(whole, lineLength);
            if (lines.Count <= MaxLines || tries > 40) break;
            lineLength += 2;
        }
        return new RippleLabel(lines, fontSize, shortened);
    }

    private static List<string> Wrap(string text, int lineLength)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var piece = word;
            // A word longer than a line is broken, so a label never runs wider than its box.
            while (piece.Length > lineLength)
            {
                if (current.Length > 0) { lines.Add(current); current = ""; }
                lines.Add(piece[..lineLength]);
                piece = piece[lineLength..];
            }
            if (current.Length == 0) current = piece;
            else if (current.Length + 1 + piece.Length <= lineLength) current += " " + piece;
            else { lines.Add(current); current = piece; }
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }

    /// <summary>A line's width in the picture's units, from DejaVu Sans's advance widths (rounded up, per kind of character).</summary>
    public static double WidthOf(string line, double fontSize)
    {
        var ems = 0.0;
        foreach (var c in line)
            ems += c switch
            {
                'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.30,
                ' ' or 'f' or 't' or 'r' or 'I' or '(' or ')' or '-' => 0.42,
                'm' or 'w' or 'M' or 'W' or '—' or '…' or '%' or '@' => 0.95,
                >= 'A' and <= 'Z' => 0.76,
                >= '0' and <= '9' => 0.64,
                _ => char.IsLetter(c) ? 0.63 : 0.8
            };
        return ems * fontSize;
    }
}
