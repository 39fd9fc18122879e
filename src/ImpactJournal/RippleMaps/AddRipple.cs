using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
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
    IReadOnlyList<Guid>? WithPartners = null,
    IReadOnlyList<string?>? Themes = null);

public sealed record RippleAddedAnswer(Guid Id, IReadOnlyList<Guid> Links);

/// <summary>Adding a ripple: the one implementation behind the API's endpoint and the board's "Add a ripple".</summary>
public static class AddRippleUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AddRipple? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .Text("label", command.Label, RippleMapConfiguration.Label)
            .Text("description", command.Description, RippleMapConfiguration.Description, required: false)
            .CheckCapitals("capitals", command.Capitals)
            .Defined("valence", command.Valence)
            .CheckEvidence("evidence", command.Evidence)
            .NotEmpty("sessionId", command.SessionId)
            .CheckWithPartners("withPartners", command.WithPartners)
            .CheckThemes("themes", command.Themes);
        if (command.Capitals is null) validation.Add("capitals", "Required (may be empty until the ripple is coded).");
        if (command.CausedBy is { Count: > RippleMapConfiguration.MaxCauses }) validation.Add("causedBy", $"At most {RippleMapConfiguration.MaxCauses}.");
        if (command.Id is { } id && command.CausedBy?.Contains(id) == true) validation.Add("causedBy", "A ripple cannot cause itself.");
        return validation.ToErrors();
    }

    /// <summary>The ripple a valid command adds, for the adding member's own partner (if any) and the others named with it.</summary>
    public static RippleAdded Added(AddRipple command, IReadOnlyList<EvidenceRef> evidence, Guid? ownPartner, IReadOnlyList<Guid> withPartners) =>
        new(command.Id ?? Guid.CreateVersion7(), command.Label!.Trim(),
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            [.. command.Capitals!.Select(c => c!.Value).Distinct()], command.Valence!.Value, command.Intended, evidence, command.SessionId,
            ownPartner, withPartners.Count == 0 ? null : withPartners, Themes.Normalise(command.Themes) is { Count: > 0 } themes ? themes : null);

    /// <summary>Adds the ripple and a "led-to" link from each cause; a retry of the same ripple and causes records nothing.</summary>
    public static Decision Decide(RippleMap map, RippleAdded added, IReadOnlyList<Guid> causedBy, string location)
    {
        var causes = causedBy.Distinct().ToList();
        var links = causes.Select(cause => new RipplesLinked(CauseLinkId(added.RippleId, cause), cause, added.RippleId,
            LinkRelation.LedTo, null, [], added.SessionId)).ToList();
        var answer = new RippleAddedAnswer(added.RippleId, [.. links.Select(l => l.LinkId)]);

        if (map.Nodes.TryGetValue(added.RippleId, out var earlier))
        {
            var sameRequest = earlier.Added.SameAs(added) && links.All(l => map.Links.TryGetValue(l.LinkId, out var had) && had.Linked.SameAs(l));
            return sameRequest ? Outcome.Retried(added.RippleId, location, answer) : Outcome.IdTakenByDifferentBody(added.RippleId);
        }
        if (added.RippleId == map.Id) return Outcome.IdTakenByDifferentBody(added.RippleId);
        if (MapSessionRule.Refusal(map, added.SessionId) is { } refusal) return refusal;

        var unknown = causes.Select((cause, i) => (cause, i)).Where(c => !map.HasNode(c.cause)).ToList();
        if (unknown.Count > 0)
        {
            var validation = new Validation();
            foreach (var (_, i) in unknown) validation.Add($"causedBy[{i}]", "Neither the focus nor a ripple of this map.");
            return new Outcome.Invalid(validation.ToErrors());
        }

        return Decision.Append(Outcome.Created(added.RippleId, location, answer), [added, .. links]);
    }

    /// <summary>Adds the ripple for a member of the alliance, under the map's lock so that a room adding at once all succeed.</summary>
    public static Task<Outcome> RunAsync(AddRipple? command, ActingMember acting, Guid mapId, IDocumentStore store, RippleMapStates states,
        CancellationToken ct) => UseCase.TracedAsync(nameof(AddRipple), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        await using var session = UseCase.OpenSession(store, acting);
        var evidence = Evidence.ToRefs(command!.Evidence);
        if (UseCase.Refusal(await Evidence.UncitableAsync(session, "evidence", evidence, ct)) is { } uncitable) return uncitable;
        var ownPartner = acting.Member.PartnerId;
        var (withPartners, unknown) = JointPartners.Resolve(acting.Alliance, command.WithPartners, ownPartner);
        if (unknown is not null) return Outcome.InvalidField("withPartners", unknown);

        var added = Added(command, evidence, ownPartner, withPartners);
        var location = $"{MapAnswers.MapLocation(acting.AllianceId, mapId)}/ripples/{added.RippleId}";
        return await RippleMapWriter.WriteAsync(session, states, mapId, map => Decide(map, added, command.CausedBy ?? [], location), ct);
    });

    /// <summary>The link a cause appends gets an id derived from the ripple and its cause, so a retried ripple is recognised whole.</summary>
    public static Guid CauseLinkId(Guid ripple, Guid cause) => DerivedId.From(ripple, cause);
}

public static class AddRippleEndpoint
{
    /// <summary>
    /// Add a ripple (an effect someone reports). <c>causedBy</c> names the focus or ripples it came
    /// from and appends those "led-to" links in the same write.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/ripples", OperationId = "addRipple")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(AddRipple command, Guid mapId, HttpContext http, IDocumentStore store, RippleMapStates states,
        CancellationToken ct) =>
        (await AddRippleUseCase.RunAsync(command, ActingMember.Of(http), mapId, store, states, ct)).ToHttp();
}
