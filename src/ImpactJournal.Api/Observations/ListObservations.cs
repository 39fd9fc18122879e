using System.Text;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public static class ListObservationsEndpoint
{
    /// <summary>
    /// Observations, most recently observed first, filtered by any of from/to (observedAt), theme,
    /// capital, partnerId and valence. Retracted ones only with includeRetracted=true; withdrawn
    /// ones never. Only what the caller's role may see under each teller's consent is listed.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/observations", OperationId = "listObservations")]
    public static async Task<IResult> Get(
        DateTimeOffset? from, DateTimeOffset? to, string? theme, CommunityCapital? capital, Guid? partnerId,
        Valence? valence, bool? includeRetracted, int? limit, string? cursor,
        HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        if (limit is < 1 or > PageRequest.MaxLimit) validation.Add("limit", $"Between 1 and {PageRequest.MaxLimit}.");
        var after = ObservationCursor.Decode(cursor);
        if (cursor is not null && after is null) validation.Add("cursor", "Not a cursor this API issued.");
        if (!validation.IsValid) return Results.Problem(validation.ToProblem());

        var readable = ConsentScopes.ReadableBy(CurrentMember.Of(http).Role);
        var query = session.Query<Observation>().Where(o => o.WithdrawnAt == null && o.Consent.Scope.IsOneOf(readable));
        if (includeRetracted != true) query = query.Where(o => o.Retraction == null);
        if (from is not null) query = query.Where(o => o.ObservedAt >= from);
        if (to is not null) query = query.Where(o => o.ObservedAt <= to);
        if (!string.IsNullOrWhiteSpace(theme))
        {
            var normalised = Themes.Normalise([theme]).Single();
            query = query.Where(o => o.Themes.Contains(normalised));
        }
        if (capital is not null) query = query.Where(o => o.Capitals.Contains(capital.Value));
        if (partnerId is not null) query = query.Where(o => o.PartnerId == partnerId);
        if (valence is not null) query = query.Where(o => o.Valence == valence);
        if (after is { } keyset)
        {
            var (observedAt, sequence) = keyset;
            query = query.Where(o => o.ObservedAt < observedAt || (o.ObservedAt == observedAt && o.Sequence < sequence));
        }

        var size = limit ?? PageRequest.DefaultLimit;
        var rows = await query.OrderByDescending(o => o.ObservedAt).ThenByDescending(o => o.Sequence)
            .Take(size + 1).ToListAsync(ct);
        var items = rows.Take(size).ToList();
        var next = rows.Count > size ? ObservationCursor.Encode(items[^1]) : null;
        return Results.Ok(new Page<Observation>(items, next));
    }
}

/// <summary>Keyset position in the observedAt-descending order: opaque to clients.</summary>
public static class ObservationCursor
{
    public static string Encode(Observation last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"k:{last.ObservedAt.UtcTicks}:{last.Sequence}"));

    /// <summary>The position a cursor names, or null when there is none or it was not issued here.</summary>
    public static (DateTimeOffset ObservedAt, long Sequence)? Decode(string? cursor)
    {
        if (cursor is null) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts is not ["k", var ticks, var sequence] || !long.TryParse(ticks, out var t) || !long.TryParse(sequence, out var s)
                || t < DateTimeOffset.MinValue.UtcTicks || t > DateTimeOffset.MaxValue.UtcTicks) return null;
            return (new DateTimeOffset(t, TimeSpan.Zero), s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
