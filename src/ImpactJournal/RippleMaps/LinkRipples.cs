using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

public sealed record LinkRipples(Guid? Id, Guid? From, Guid? To, LinkRelation? Relation, string? Note,
    IReadOnlyList<EvidenceInput?>? Evidence, Guid? SessionId);

/// <summary>A created link; <c>cycle</c> lists the nodes of the loop it closed, if it closed one.</summary>
public sealed record LinkCreatedAnswer(Guid Id, IReadOnlyList<Guid>? Cycle);

/// <summary>Linking two nodes of a map: the one implementation behind the API's endpoint and the board's "Link two ripples".</summary>
public static class LinkRipplesUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(LinkRipples? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .Required("from", command.From)
            .Required("to", command.To)
            .Defined("relation", command.Relation)
            .Text("note", command.Note, RippleMapConfiguration.Note, required: false)
            .CheckEvidence("evidence", command.Evidence)
            .NotEmpty("sessionId", command.SessionId);
        if (command.From is { } from && from == command.To) validation.Add("to", "A ripple cannot lead to itself.");
        return validation.ToErrors();
    }

    /// <summary>The link a valid command asserts.</summary>
    public static RipplesLinked Linked(LinkRipples command, IReadOnlyList<EvidenceRef> evidence) => new(command.Id ?? Guid.CreateVersion7(),
        command.From!.Value, command.To!.Value, command.Relation!.Value, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
        evidence, command.SessionId);

    /// <summary>Links two nodes of the map; a link that closes a loop is kept and the loop reported in the answer.</summary>
    public static Decision Decide(RippleMap map, RipplesLinked linked, string location)
    {
        if (map.Links.TryGetValue(linked.LinkId, out var earlier))
            return earlier.Linked.SameAs(linked) ? Outcome.Retried(linked.LinkId, location) : Outcome.IdTakenByDifferentBody(linked.LinkId);
        if (!map.HasNode(linked.From)) return Outcome.InvalidField("from", "Neither the focus nor a ripple of this map.");
        if (!map.HasNode(linked.To)) return Outcome.InvalidField("to", "Neither the focus nor a ripple of this map.");
        if (MapSessionRule.Refusal(map, linked.SessionId) is { } refusal) return refusal;

        var cycle = PathBetween(map, linked.To, linked.From);
        return Decision.Append(Outcome.Created(linked.LinkId, location, new LinkCreatedAnswer(linked.LinkId, cycle)), linked);
    }

    public static Task<Outcome> RunAsync(LinkRipples? command, ActingMember acting, Guid mapId, IDocumentStore store, RippleMapStates states,
        CancellationToken ct) => UseCase.TracedAsync(nameof(LinkRipples), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        await using var session = UseCase.OpenSession(store, acting);
        var evidence = Evidence.ToRefs(command!.Evidence);
        if (UseCase.Refusal(await Evidence.UncitableAsync(session, "evidence", evidence, ct)) is { } uncitable) return uncitable;

        var linked = Linked(command, evidence);
        var location = $"{MapAnswers.MapLocation(acting.AllianceId, mapId)}/links/{linked.LinkId}";
        return await RippleMapWriter.WriteAsync(session, states, mapId, map => Decide(map, linked, location), ct);
    });

    /// <summary>A shortest path over links that count from one node to another, or null if there is none.</summary>
    private static IReadOnlyList<Guid>? PathBetween(RippleMap map, Guid start, Guid goal)
    {
        var next = map.Links.Values.Where(l => l.Status != LinkStatus.Withdrawn).ToLookup(l => l.From, l => l.To);
        var cameFrom = new Dictionary<Guid, Guid> { [start] = start };
        var frontier = new Queue<Guid>([start]);
        while (frontier.TryDequeue(out var node))
        {
            if (node == goal)
            {
                var path = new List<Guid> { goal };
                while (path[^1] != start) path.Add(cameFrom[path[^1]]);
                path.Reverse();
                return path;
            }
            foreach (var target in next[node])
                if (cameFrom.TryAdd(target, node)) frontier.Enqueue(target);
        }
        return null;
    }
}

public static class LinkRipplesEndpoint
{
    /// <summary>
    /// Link two nodes: "from led to / enabled / hindered to". <c>from</c> may be the map id (the
    /// focus). A link that closes a loop is kept and the loop is reported in the answer.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/links", OperationId = "linkRipples")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(LinkRipples command, Guid mapId, HttpContext http, IDocumentStore store, RippleMapStates states,
        CancellationToken ct) =>
        (await LinkRipplesUseCase.RunAsync(command, ActingMember.Of(http), mapId, store, states, ct)).ToHttp();
}
