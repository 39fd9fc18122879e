using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary>Who was in the room: how many people and which roles (e.g. "residents", "partner staff") — never names.</summary>
public sealed record SessionParticipants(int? Count, IReadOnlyList<string?>? Roles);

public sealed record ScheduleMappingSession(Guid? Id, string? Title, DateOnly? HeldOn, SessionParticipants? Participants, IReadOnlyList<Guid>? Partners);

/// <summary>Scheduling a mapping session on a map: the one implementation behind the API's endpoint and the board's "Start a session".</summary>
public static class ScheduleMappingSessionUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(ScheduleMappingSession? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
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
        return validation.ToErrors();
    }

    /// <summary>The session a valid command schedules: a head count and the roles present, never names.</summary>
    public static MappingSessionScheduled Scheduled(ScheduleMappingSession command, IReadOnlyList<Guid> partners) =>
        new(command.Id ?? Guid.CreateVersion7(), command.Title!.Trim(), command.HeldOn!.Value, command.Participants?.Count ?? 0,
            [.. (command.Participants?.Roles ?? []).Select(r => r!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)], partners);

    /// <summary>Schedules it, unless its id is on the map already: then a retry of the same session, or a conflict.</summary>
    public static Decision Decide(RippleMap map, MappingSessionScheduled scheduled, string location)
    {
        if (!map.Sessions.TryGetValue(scheduled.SessionId, out var earlier))
            return Decision.Append(Outcome.Created(scheduled.SessionId, location), scheduled);
        return earlier.Scheduled.SameAs(scheduled)
            ? Outcome.Retried(scheduled.SessionId, location)
            : Outcome.IdTakenByDifferentBody(scheduled.SessionId);
    }

    public static Task<Outcome> RunAsync(ScheduleMappingSession? command, ActingMember acting, Guid mapId, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) => UseCase.TracedAsync(nameof(ScheduleMappingSession), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var partners = (command!.Partners ?? []).Distinct().ToList();
        if (partners.FirstOrDefault(p => acting.Alliance.PartnerById(p) is null) is var unknown && unknown != Guid.Empty)
            return Outcome.InvalidField("partners", $"{unknown} is not a partner of this alliance.");

        var scheduled = Scheduled(command, partners);
        var location = $"{MapAnswers.MapLocation(acting.AllianceId, mapId)}/sessions/{scheduled.SessionId}";
        return await RippleMapWriter.WriteAsync(store, acting, states, mapId, map => Decide(map, scheduled, location), ct);
    });
}

public static class ScheduleMappingSessionEndpoint
{
    /// <summary>
    /// Schedule a ripple-effect mapping session on this map (facilitators and stewards): a head count
    /// and the roles present, never names, and the alliance's partners that took part.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/sessions", OperationId = "scheduleMappingSession")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(ScheduleMappingSession command, Guid mapId, HttpContext http, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) =>
        (await ScheduleMappingSessionUseCase.RunAsync(command, ActingMember.Of(http), mapId, store, states, ct)).ToHttp();
}

public sealed record CloseMappingSession(string? Reflections);

/// <summary>Closing a mapping session with the group's reflections: behind the API's endpoint and the board's "Close the session".</summary>
public static class CloseMappingSessionUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(CloseMappingSession? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().Text("reflections", command.Reflections, RippleMapConfiguration.Reflections).ToErrors();

    /// <summary>Closes an open session; closing it again with the same reflections is a harmless retry.</summary>
    public static Decision Decide(RippleMap map, Guid sessionId, CloseMappingSession command, string location)
    {
        var reflections = command.Reflections!.Trim();
        if (!map.Sessions.TryGetValue(sessionId, out var mapping)) return MapAnswers.NotFound("No session with this id on this map.");
        var closed = Outcome.Changed(sessionId, location, new ClosedSession(sessionId, "closed", reflections));
        if (mapping.Closed)
            return mapping.Reflections == reflections
                ? closed
                : MapAnswers.Conflict("Session already closed", "This session was closed with other reflections.");
        return Decision.Append(closed, new MappingSessionClosed(sessionId, reflections));
    }

    public static Task<Outcome> RunAsync(CloseMappingSession? command, ActingMember acting, Guid mapId, Guid sessionId, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) => UseCase.TracedAsync(nameof(CloseMappingSession), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var location = $"{MapAnswers.MapLocation(acting.AllianceId, mapId)}/sessions/{sessionId}";
        return await RippleMapWriter.WriteAsync(store, acting, states, mapId, map => Decide(map, sessionId, command!, location), ct);
    });
}

public static class CloseMappingSessionEndpoint
{
    /// <summary>Close a session with the group's reflections; a closed session takes no more ripples or links.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/sessions/{sessionId:guid}/close", OperationId = "closeMappingSession")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(CloseMappingSession command, Guid mapId, Guid sessionId, HttpContext http, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) =>
        (await CloseMappingSessionUseCase.RunAsync(command, ActingMember.Of(http), mapId, sessionId, store, states, ct)).ToHttp();
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
            : MapAnswers.MapNotFound.ToHttp();

    /// <summary>One session with its reflections once closed.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/maps/{mapId:guid}/sessions/{sessionId:guid}", OperationId = "getMappingSession")]
    [ProducesResponseType<SessionView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid mapId, Guid sessionId, IQuerySession session, RippleMapStates states, CancellationToken ct) =>
        await states.CurrentAsync(session, mapId, ct) is not { } held ? MapAnswers.MapNotFound.ToHttp()
        : held.Map.Sessions.TryGetValue(sessionId, out var mapping) ? Results.Ok(SessionView.Of(mapping))
        : MapAnswers.NotFound("No session with this id on this map.").ToHttp();
}
