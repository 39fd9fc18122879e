using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

public sealed record AddRipple(
    Guid? Id,
    string? Label,
    string? Description,
    IReadOnlyList<CommunityCapital?>? Capitals,
    Valence? Valence,
    bool? Intended,
    IReadOnlyList<EvidenceInput?>? Evidence,
    Guid? SessionId,
    IReadOnlyList<Guid>? CausedBy,
    IReadOnlyList<Guid>? WithPartners = null);

public sealed record RippleAddedAnswer(Guid Id, IReadOnlyList<Guid> Links);

public static class AddRippleEndpoint
{
    public static ProblemDetails Validate(AddRipple? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .Text("label", command.Label, RippleMapConfiguration.Label)
            .Text("description", command.Description, RippleMapConfiguration.Description, required: false)
            .CheckCapitals("capitals", command.Capitals)
            .Defined("valence", command.Valence)
            .CheckEvidence("evidence", command.Evidence)
            .NotEmpty("sessionId", command.SessionId)
            .CheckWithPartners("withPartners", command.WithPartners);
        if (command.Capitals is null) validation.Add("capitals", "Required (may be empty until the ripple is coded).");
        if (command.CausedBy is { Count: > RippleMapConfiguration.MaxCauses }) validation.Add("causedBy", $"At most {RippleMapConfiguration.MaxCauses}.");
        if (command.Id is { } id && command.CausedBy?.Contains(id) == true) validation.Add("causedBy", "A ripple cannot cause itself.");
        return validation.ToProblem();
    }

    /// <summary>
    /// Add a ripple (an effect someone reports). <c>causedBy</c> names the focus or ripples it came
    /// from and appends those "led-to" links in the same write.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/ripples", OperationId = "addRipple")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static Task<IResult> Post(AddRipple command, Guid allianceId, Guid mapId, HttpContext http,
        IDocumentSession session, RippleMapStates states, CancellationToken ct) =>
        WriteAsync(command, allianceId, mapId, CurrentMember.AllianceOf(http), CurrentMember.Of(http), session, states, ct);

    /// <summary>Adds the ripple for a member of the alliance (the web app's board calls this too).</summary>
    public static async Task<IResult> WriteAsync(AddRipple command, Guid allianceId, Guid mapId, Alliance alliance, Member member,
        IDocumentSession session, RippleMapStates states, CancellationToken ct)
    {
        var evidence = Evidence.ToRefs(command.Evidence);
        if (await Evidence.MissingAsync(session, "evidence", evidence, ct) is { } missing) return missing;
        var ownPartner = member.PartnerId;
        var (withPartners, unknown) = JointPartners.Resolve(alliance, command.WithPartners, ownPartner);
        if (unknown is not null) return MapAnswers.Invalid("withPartners", unknown);

        var added = new RippleAdded(command.Id ?? Guid.CreateVersion7(), command.Label!.Trim(),
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            [.. command.Capitals!.Select(c => c!.Value).Distinct()], command.Valence!.Value, command.Intended, evidence, command.SessionId,
            ownPartner, withPartners.Count == 0 ? null : withPartners);
        var causes = (command.CausedBy ?? []).Distinct().ToList();
        var location = $"{MapAnswers.MapLocation(allianceId, mapId)}/ripples/{added.RippleId}";

        return await RippleMapWriter.WriteAsync(session, states, mapId, map => Decide(map, added, causes, location), ct);
    }

    private static MapDecision Decide(RippleMap map, RippleAdded added, IReadOnlyList<Guid> causes, string location)
    {
        var links = causes.Select(cause => new RipplesLinked(CauseLinkId(added.RippleId, cause), cause, added.RippleId,
            LinkRelation.LedTo, null, [], added.SessionId)).ToList();
        var answer = new RippleAddedAnswer(added.RippleId, [.. links.Select(l => l.LinkId)]);

        if (map.Nodes.TryGetValue(added.RippleId, out var earlier))
        {
            var sameRequest = earlier.Added.SameAs(added) && links.All(l => map.Links.TryGetValue(l.LinkId, out var had) && had.Linked.SameAs(l));
            return MapDecision.Refuse(sameRequest
                ? ResourceCreated.AlreadyExisted(location, answer)
                : ResourceCreated.IdTakenByDifferentBody(added.RippleId));
        }
        if (added.RippleId == map.Id) return MapDecision.Refuse(ResourceCreated.IdTakenByDifferentBody(added.RippleId));
        if (MapSessionRule.Refusal(map, added.SessionId) is { } refusal) return MapDecision.Refuse(refusal);

        var unknown = causes.Select((cause, i) => (cause, i)).Where(c => !map.HasNode(c.cause)).ToList();
        if (unknown.Count > 0)
        {
            var validation = new Validation();
            foreach (var (_, i) in unknown) validation.Add($"causedBy[{i}]", "Neither the focus nor a ripple of this map.");
            return MapDecision.Refuse(Results.Problem(validation.ToProblem()));
        }

        return new MapDecision(TypedResults.Created(location, answer), [added, .. links]);
    }

    /// <summary>The link a cause appends gets an id derived from the ripple and its cause, so a retried ripple is recognised whole.</summary>
    public static Guid CauseLinkId(Guid ripple, Guid cause) => DerivedId.From(ripple, cause);
}
