using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace ImpactJournal.Stories;

public static class ReadStoriesEndpoint
{
    /// <summary>
    /// One story with its selections; a withdrawn story answers only {id, withdrawn: true}. Its themes read as the
    /// codebook names them now (<c>codedWith</c>: the words it was coded with, when the codebook has changed them).
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/stories/{storyId:guid}", OperationId = "getStory")]
    public static async Task<Results<Ok<Story>, Ok<WithdrawnRecord>, NotFound>> Get(
        Guid storyId, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var story = await session.Events.AggregateStreamAsync<Story>(storyId, token: ct);
        if (story is not null) story = story.InCodebook(await Codebooks.OfAllianceAsync(session, ct));
        return ConsentedRead.Answer(story, CurrentMember.Of(http).Role, clock);
    }

    /// <summary>
    /// Stories the caller may read under each teller's consent, most recently told first, their themes as the codebook
    /// names them now; what the caller has just told or changed is always in it.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/stories", OperationId = "listStories")]
    public static async Task<IResult> List(Guid? partnerId, bool? selected, int? limit, string? cursor,
        HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var (size, after, problem) = KeysetCursor.Read(limit, cursor);
        if (problem is not null) return problem;
        var query = Readable(session, CurrentMember.Of(http).Role, Today(clock), partnerId, selected == true);
        if (after is var (day, sequence))
        {
            if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
                return Results.Problem(new Validation().Add("cursor", "Not a cursor this API issued.").ToProblem());
            var toldOn = DateOnly.FromDayNumber((int)day);
            query = query.Where(s => s.ToldOn <= toldOn).Where(s => s.ToldOn < toldOn || (s.ToldOn == toldOn && s.Sequence < sequence));
        }

        var rows = await OwnWrites.ListAsync(query.OrderByDescending(s => s.ToldOn).ThenByDescending(s => s.Sequence).Take(size + 1),
            session, dataSource, ActingSubject.Of(http.User), ct);
        var codebook = await Codebooks.OfAllianceAsync(session, ct);
        return Results.Ok(KeysetCursor.Page([.. rows.Select(s => s.InCodebook(codebook))], size, s => ((long)s.ToldOn.DayNumber, s.Sequence)));
    }

    /// <summary>The stories a member with this role may read today under each teller's consent (shared with the web app's list).</summary>
    public static IQueryable<Story> Readable(IQuerySession session, AllianceRole role, DateOnly today, Guid? partnerId, bool selectedOnly)
    {
        var readable = ConsentScopes.ReadableBy(role);
        var query = session.Query<Story>().Where(s => s.WithdrawnAt == null && s.Consent.Scope.IsOneOf(readable)
            && (s.Consent.ExpiresOn == null || s.Consent.ExpiresOn >= today));
        if (partnerId is not null) query = query.Where(s => s.PartnerId == partnerId);
        if (selectedOnly) query = query.Where(s => s.Selections.Any());
        return query;
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
