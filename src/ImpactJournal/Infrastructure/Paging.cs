using System.Text;

namespace ImpactJournal.Infrastructure;

/// <summary>A page of a list: <c>{items, nextCursor}</c>; nextCursor is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Reads <c>?limit=</c> (default 50, 1..500) and the opaque <c>?cursor=</c>.</summary>
public sealed record PageRequest(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static (PageRequest? Request, IResult? Problem) From(int? limit, string? cursor)
    {
        var validation = new Validation();
        if (limit is < 1 or > MaxLimit) validation.Add("limit", $"Between 1 and {MaxLimit}.");
        var offset = 0;
        if (cursor is not null && !TryDecode(cursor, out offset)) validation.Add("cursor", "Not a cursor this API issued.");

        return validation.IsValid
            ? (new PageRequest(limit ?? DefaultLimit, offset), null)
            : (null, Results.Problem(validation.ToProblem()));
    }

    public Page<T> Slice<T>(IReadOnlyList<T> all)
    {
        var items = all.Skip(Offset).Take(Limit).ToList();
        var next = Offset + items.Count < all.Count ? Encode(Offset + items.Count) : null;
        return new Page<T>(items, next);
    }

    /// <summary>The page of rows read from the database at this offset, one more than the limit to know whether another follows.</summary>
    public Page<T> SliceFetched<T>(IReadOnlyList<T> rows) =>
        new([.. rows.Take(Limit)], rows.Count > Limit ? Encode(Offset + Limit) : null);

    private static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset}"));

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:") && int.TryParse(text[2..], out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
