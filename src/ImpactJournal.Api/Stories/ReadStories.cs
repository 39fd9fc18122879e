using System.Text;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace ImpactJournal.Stories;

public static class ReadStoriesEndpoint
{
    /// <summary>One story with its selections; a withdrawn story answers only {id, withdrawn: true}.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/stories/{storyId:guid}", OperationId = "getStory")]
    public static async Task<Results<Ok<Story>, Ok<WithdrawnRecord>, NotFound>> Get(
        Guid storyId, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var story = await session.Events.AggregateStreamAsync<Story>(storyId, token: ct);
        if (story is null) return TypedResults.NotFound();
        if (story.Withdrawn) return TypedResults.Ok(new WithdrawnRecord(story.Id, story.WithdrawnAt));
        return story.Consent.AllowsReadingBy(CurrentMember.Of(http).Role, Today(clock)) ? TypedResults.Ok(story) : TypedResults.NotFound();
    }

    /// <summary>Stories the caller may read under each teller's consent, most recently told first.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/stories", OperationId = "listStories")]
    public static async Task<IResult> List(Guid? partnerId, bool? selected, int? limit, string? cursor,
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (limit is < 1 or > PageRequest.MaxLimit) validation.Add("limit", $"Between 1 and {PageRequest.MaxLimit}.");
        var after = StoryCursor.Decode(cursor);
        if (cursor is not null && after is null) validation.Add("cursor", "Not a cursor this API issued.");
        if (!validation.IsValid) return Results.Problem(validation.ToProblem());

        var today = Today(clock);
        var readable = ConsentScopes.ReadableBy(CurrentMember.Of(http).Role);
        var query = session.Query<Story>().Where(s => s.WithdrawnAt == null && s.Consent.Scope.IsOneOf(readable)
            && (s.Consent.ExpiresOn == null || s.Consent.ExpiresOn >= today));
        if (partnerId is not null) query = query.Where(s => s.PartnerId == partnerId);
        if (selected == true) query = query.Where(s => s.Selections.Any());
        if (after is { } keyset)
        {
            var (toldOn, sequence) = keyset;
            query = query.Where(s => s.ToldOn < toldOn || (s.ToldOn == toldOn && s.Sequence < sequence));
        }

        var size = limit ?? PageRequest.DefaultLimit;
        var rows = await query.OrderByDescending(s => s.ToldOn).ThenByDescending(s => s.Sequence).Take(size + 1).ToListAsync(ct);
        var items = rows.Take(size).ToList();
        return Results.Ok(new Page<Story>(items, rows.Count > size ? StoryCursor.Encode(items[^1]) : null));
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

public static class StoryCursor
{
    public static string Encode(Story last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"s:{last.ToldOn.DayNumber}:{last.Sequence}"));

    public static (DateOnly ToldOn, long Sequence)? Decode(string? cursor)
    {
        if (cursor is null) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts is not ["s", var day, var sequence] || !int.TryParse(day, out var d) || !long.TryParse(sequence, out var s)
                || d < DateOnly.MinValue.DayNumber || d > DateOnly.MaxValue.DayNumber) return null;
            return (DateOnly.FromDayNumber(d), s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
