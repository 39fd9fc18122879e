using System.Text;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Opaque cursors for lists ordered newest first by a key (a time or a date, as a number) and then
/// by the journal sequence, which makes every position unique.
/// </summary>
public static class KeysetCursor
{
    public static string Encode(long key, long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"k:{key}:{sequence}"));

    /// <summary>Reads <c>?limit=</c> and <c>?cursor=</c>, or the 400 problem naming what is wrong with them.</summary>
    public static (int Limit, (long Key, long Sequence)? After, IResult? Problem) Read(int? limit, string? cursor)
    {
        var validation = new Validation();
        if (limit is < 1 or > PageRequest.MaxLimit) validation.Add("limit", $"Between 1 and {PageRequest.MaxLimit}.");
        var after = Decode(cursor);
        if (cursor is not null && after is null) validation.Add("cursor", "Not a cursor this API issued.");
        return validation.IsValid
            ? (limit ?? PageRequest.DefaultLimit, after, null)
            : (0, null, Results.Problem(validation.ToProblem()));
    }

    /// <summary>The page of the rows read (one more than the limit, to know whether another page follows).</summary>
    public static Page<T> Page<T>(IReadOnlyList<T> rows, int limit, Func<T, (long Key, long Sequence)> position)
    {
        var items = rows.Take(limit).ToList();
        if (rows.Count <= limit) return new Page<T>(items, null);
        var (key, sequence) = position(items[^1]);
        return new Page<T>(items, Encode(key, sequence));
    }

    private static (long Key, long Sequence)? Decode(string? cursor)
    {
        if (cursor is null) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            return parts is ["k", var key, var sequence] && long.TryParse(key, out var k) && long.TryParse(sequence, out var s)
                ? (k, s)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
