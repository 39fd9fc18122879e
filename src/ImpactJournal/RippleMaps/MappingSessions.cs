using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary>Who was in the room: how many people and which roles (e.g. "residents", "partner staff") — never names.</summary>
public sealed record SessionParticipants(int? Count, IReadOnlyList<string?>? Roles);

public sealed record ScheduleMappingSession(Guid? Id, string? Title, DateOnly? HeldOn, SessionParticipants? Participants, IReadOnlyList<Guid>? Partners);

public static class ScheduleMappingSessionEndpoint
{
    public static ProblemDetails Validate(ScheduleMappingSession? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .Text("title", command.Title, RippleMapConfiguration.Title)
            .Required("heldOn", command.HeldOn);
        if (command.Participants is { } people)
        {
            if (people.Count is not { } count || count < 1 || count > RippleMapConfiguration.MaxParticipants)
                validation.Add("participants.count", $"How many people took part: a whole number from 1 to {RippleMapConfiguration.MaxParticipants}.");
            validation.TextList("participants.roles", people.Roles, RippleMapConfiguration.MaxRoles, RippleMapConfiguration.Role);
        }
        if (command.Partners is { Count: > RippleMapConfiguration.MaxPartners })
            validation.Add("partners", $"At most {RippleMapConfiguration.MaxPartners} partners.");
        else if (command.Partners?.Any(p => p == Guid.Empty) == true)
            validation.Add("partners", "Partner ids of this alliance's partners.");
        return validation.ToProblem();
    }

    /// <summary>
    /// Schedule a ripple-effect mapping session on this map (facilitators and stewards): a head count
    /// and the roles present, never names, and the alliance's partners that took part.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/sessions", OperationId = "scheduleMappingSession")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(ScheduleMappingSession command, Guid allianceId, Guid mapId,
        IDocumentSession session, RippleMapStates states, AllianceDirectory directory, CancellationToken ct)
    {
        var partners = (command.Partners ?? []).Distinct().ToList();
        var alliance = await directory.FindAsync(allianceId, ct);
        if (partners.FirstOrDefault(p => alliance?.PartnerById(p) is null) is var unknown && unknown != Guid.Empty)
            return MapAnswers.Invalid("partners", $"{unknown} is not a partner of this alliance.");

        var scheduled = new MappingSessionScheduled(command.Id ?? Guid.CreateVersion7(), command.Title!.Trim(), command.HeldOn!.Value,
            command.Participants?.Count ?? 0,
            [.. (command.Participants?.Roles ?? []).Select(r => r!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
            partners);
        var location = $"{MapAnswers.MapLocation(allianceId, mapId)}/sessions/{scheduled.SessionId}";
        return await RippleMapWriter.WriteAsync(session, states, mapId, map =>
        {
            var earlier = map.Sessions.GetValueOrDefault(scheduled.SessionId);
            var answer = ResourceCreated.ForPart(earlier is not null, earlier?.Scheduled.SameAs(scheduled) == true, location, scheduled.SessionId);
            return earlier is null ? new MapDecision(answer, [scheduled]) : MapDecision.Refuse(answer);
        }, ct);
    }
}

public sealed record CloseMappingSession(string? Reflections);

public static class CloseMappingSessionEndpoint
{
    public static ProblemDetails Validate(CloseMappingSession? command) => command is null
        ? Validation.MissingBody()
        : new Validation().Text("reflections", command.Reflections, RippleMapConfiguration.Reflections).ToProblem();

    /// <summary>Close a session with the group's reflections; a closed session takes no more ripples or links.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/sessions/{sessionId:guid}/close", OperationId = "closeMappingSession")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static Task<IResult> Post(CloseMappingSession command, Guid mapId, Guid sessionId,
        IDocumentSession session, RippleMapStates states, CancellationToken ct)
    {
        var reflections = command.Reflections!.Trim();
        return RippleMapWriter.WriteAsync(session, states, mapId, map =>
        {
            if (!map.Sessions.TryGetValue(sessionId, out var mapping))
                return MapDecision.Refuse(MapAnswers.NotFound("No session with this id on this map."));
            if (mapping.Closed)
                return MapDecision.Refuse(mapping.Reflections == reflections
                    ? Results.Ok(new ClosedSession(sessionId, "closed", reflections))
                    : MapAnswers.Conflict("Session already closed", "This session was closed with other reflections."));
            var closed = new MappingSessionClosed(sessionId, reflections);
            return new MapDecision(Results.Ok(new ClosedSession(sessionId, "closed", reflections)), [closed]);
        }, ct);
    }
}

public sealed record ClosedSession(Guid Id, string Status, string Reflections);

public sealed record ParticipantsView(int Count, IReadOnlyList<string> Roles);

public sealed record SessionView(Guid Id, string Title, DateOnly HeldOn, ParticipantsView Participants, IReadOnlyList<Guid> Partners,
    string Status, string? ScheduledBy, DateTimeOffset ScheduledAt, string? Reflections, string? ClosedBy, DateTimeOffset? ClosedAt)
{
    public static SessionView Of(MappingSession s) => new(s.Id, s.Title, s.HeldOn,
        new ParticipantsView(s.Scheduled.HeadCount, s.Scheduled.Roles ?? []), s.Scheduled.Partners ?? [],
        s.Closed ? "closed" : "open", s.ScheduledBy, s.ScheduledAt, s.Reflections, s.ClosedBy, s.ClosedAt);
}

public static class ReadMappingSessionsEndpoint
{
    /// <summary>The map's sessions, in the order they were scheduled.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/sessions", OperationId = "listMappingSessions")]
    [ProducesResponseType<IReadOnlyList<SessionView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(Guid mapId, IQuerySession session, RippleMapStates states, CancellationToken ct) =>
        await states.CurrentAsync(session, mapId, ct) is { } held
            ? Results.Ok(held.Map.Sessions.Values.OrderBy(s => s.ScheduledAt).ThenBy(s => s.Id).Select(SessionView.Of))
            : MapAnswers.MapNotFound;

    /// <summary>One session with its reflections once closed.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/sessions/{sessionId:guid}", OperationId = "getMappingSession")]
    [ProducesResponseType<SessionView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid mapId, Guid sessionId, IQuerySession session, RippleMapStates states, CancellationToken ct) =>
        await states.CurrentAsync(session, mapId, ct) is not { } held ? MapAnswers.MapNotFound
        : held.Map.Sessions.TryGetValue(sessionId, out var mapping) ? Results.Ok(SessionView.Of(mapping))
        : MapAnswers.NotFound("No session with this id on this map.");
}
