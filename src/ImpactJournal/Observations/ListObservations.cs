using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public static class ListObservationsEndpoint
{
    /// <summary>
    /// Observations, most recently observed first, filtered by any of from/to (observedAt), theme,
    /// capital, partnerId and valence. Themes read as the codebook names them now, and a theme filter finds the
    /// observations coded with any name renamed or merged into it. Retracted ones only with includeRetracted=true; withdrawn
    /// ones never. Only what the caller's role may see under each teller's consent is listed; what
    /// the caller has just logged or changed is always in it.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/observations", OperationId = "listObservations")]
    public static async Task<IResult> Get(
        DateTimeOffset? from, DateTimeOffset? to, string? theme, CommunityCapital? capital, Guid? partnerId,
        Valence? valence, bool? includeRetracted, int? limit, string? cursor,
        HttpContext http, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (size, after, problem) = KeysetCursor.Read(limit, cursor);
        if (problem is not null) return problem;
        var member = CurrentMember.Of(http);
        var readable = ConsentScopes.ReadableBy(member.Role);
        var query = session.Query<Observation>().Where(o => o.WithdrawnAt == null && o.Consent.Scope.IsOneOf(readable));
        if (includeRetracted != true) query = query.Where(o => o.Retraction == null);
        // PostgreSQL timestamps travel as UTC; a moment given with another offset is the same moment.
        if (from?.ToUniversalTime() is { } since) query = query.Where(o => o.ObservedAtUtc >= since);
        if (to?.ToUniversalTime() is { } until) query = query.Where(o => o.ObservedAtUtc <= until);
        var codebook = await Codebooks.OfAllianceAsync(session, ct);
        if (!string.IsNullOrWhiteSpace(theme)) query = query.CodedAs(codebook, theme);
        if (capital is not null) query = query.Where(o => o.Capitals.Contains(capital.Value));
        if (partnerId is not null) query = query.Where(o => o.PartnerId == partnerId);
        if (valence is not null) query = query.Where(o => o.Valence == valence);
        if (after is var (ticks, sequence))
        {
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return Results.Problem(new Validation().Add("cursor", "Not a cursor this API issued.").ToProblem());
            var observedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            // The first condition alone lets PostgreSQL start the page's index range at the cursor; the second decides ties.
            query = query.Where(o => o.ObservedAtUtc <= observedAt)
                .Where(o => o.ObservedAtUtc < observedAt || (o.ObservedAtUtc == observedAt && o.Sequence < sequence));
        }

        var rows = await OwnWrites.ListAsync(query.OrderByDescending(o => o.ObservedAtUtc).ThenByDescending(o => o.Sequence).Take(size + 1),
            session, dataSource, ActingSubject.Of(http.User), ct);
        return Results.Ok(KeysetCursor.Page([.. rows.Select(o => o.InCodebook(codebook).ForReader(member))], size, o => (o.ObservedAt.UtcTicks, o.Sequence)));
    }
}

public static class ObservationThemeFilter
{
    /// <summary>The observations coded with the theme under any name that reads as its current name (renamed and merged ones too).</summary>
    public static IQueryable<Observation> CodedAs(this IQueryable<Observation> query, AllianceCodebook codebook, string theme)
    {
        var names = codebook.RecordedNamesOf(codebook.CurrentNameOf(theme)).ToArray();
        return query.Where(o => o.Themes.Any(t => names.Contains(t)));
    }
}
