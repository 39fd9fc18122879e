using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary>A dispute, substantiation or withdrawal of a link. Either <c>reason</c> or <c>note</c> carries the text.</summary>
public sealed record LinkChangeRequest(Guid? Id, string? Reason, string? Note, IReadOnlyList<EvidenceInput?>? Evidence)
{
    public string Text => (Reason ?? Note)!.Trim();
}

public sealed record LinkChangedAnswer(Guid Id, LinkStatus Status);

/// <summary>
/// Disputing, substantiating and withdrawing a link: three use cases with one shape, behind the API's three endpoints and
/// the board's "Dispute, back up or withdraw a link". The change id makes a retry harmless.
/// </summary>
public static class ChallengeLinkUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(LinkChangeRequest? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .CheckEvidence("evidence", command.Evidence);
        if (command.Reason is not null && command.Note is not null) validation.Add("reason", "Give reason or note, not both.");
        else validation.Text(command.Note is null ? "reason" : "note", command.Reason ?? command.Note, RippleMapConfiguration.Note);
        return validation.ToErrors();
    }

    /// <summary>Whether this member may withdraw any link (facilitators and stewards), or only links they asserted.</summary>
    public static bool MayWithdraw(Member member, MapLink link) =>
        AllianceAccess.RolesByPolicy[AllianceAccess.Facilitate].Contains(member.Role) || link.AssertedBy == member.Subject;

    /// <summary>The link's change to <paramref name="status"/>, unless the link is gone from the map's reckoning or the change was made already.</summary>
    public static Decision Decide(RippleMap map, Guid linkId, LinkChangeRequest command, IReadOnlyList<EvidenceRef> evidence, LinkStatus status,
        Member member, string location)
    {
        if (!map.Links.TryGetValue(linkId, out var link)) return MapAnswers.NotFound("No link with this id on this map.");
        var changeId = command.Id ?? Guid.CreateVersion7();
        if (link.History.FirstOrDefault(h => h.Id == changeId) is { } earlier)
            return earlier.Status == status && earlier.Text == command.Text && earlier.Evidence.SequenceEqual(evidence)
                ? Outcome.Changed(linkId, location, new LinkChangedAnswer(linkId, link.Status))
                : Outcome.IdTakenByDifferentBody(changeId);
        if (status == LinkStatus.Withdrawn && !MayWithdraw(member, link))
            return new Outcome.Forbidden("Partners withdraw only links they asserted; facilitators and stewards may withdraw any.");
        if (link.Status == LinkStatus.Withdrawn)
            return status == LinkStatus.Withdrawn
                ? Outcome.Changed(linkId, location, new LinkChangedAnswer(linkId, LinkStatus.Withdrawn))
                : MapAnswers.Conflict("Link withdrawn", "This link was withdrawn; it is kept as history only.");
        object change = status switch
        {
            LinkStatus.Disputed => new RippleLinkDisputed(linkId, changeId, command.Text, evidence),
            LinkStatus.Substantiated => new RippleLinkSubstantiated(linkId, changeId, command.Text, evidence),
            _ => new RippleLinkWithdrawn(linkId, changeId, command.Text)
        };
        return Decision.Append(Outcome.Changed(linkId, location, new LinkChangedAnswer(linkId, status)), change);
    }

    /// <summary>Records the link's change to <paramref name="status"/> (disputed, substantiated or withdrawn).</summary>
    public static Task<Outcome> RunAsync(LinkChangeRequest? command, LinkStatus status, ActingMember acting, Guid mapId, Guid linkId,
        IDocumentStore store, RippleMapStates states, CancellationToken ct) => UseCase.TracedAsync(NameOf(status), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        await using var session = UseCase.OpenSession(store, acting);
        var evidence = Evidence.ToRefs(command!.Evidence);
        if (UseCase.Refusal(await Evidence.UncitableAsync(session, "evidence", evidence, ct)) is { } uncitable) return uncitable;
        var location = $"{MapAnswers.MapLocation(acting.AllianceId, mapId)}/links/{linkId}";
        return await RippleMapWriter.WriteAsync(session, states, mapId,
            map => Decide(map, linkId, command, evidence, status, acting.Member, location), ct);
    });

    private static string NameOf(LinkStatus status) => status switch
    {
        LinkStatus.Disputed => "DisputeLink",
        LinkStatus.Substantiated => "SubstantiateLink",
        _ => "WithdrawLink"
    };
}

public static class DisputeLinkEndpoint
{
    /// <summary>Dispute a link ("we don't think A led to B"); it still counts until withdrawn.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/links/{linkId:guid}/disputes", OperationId = "disputeLink")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(LinkChangeRequest command, Guid mapId, Guid linkId, HttpContext http, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) =>
        (await ChallengeLinkUseCase.RunAsync(command, LinkStatus.Disputed, ActingMember.Of(http), mapId, linkId, store, states, ct)).ToHttp();
}

public static class SubstantiateLinkEndpoint
{
    /// <summary>Substantiate a link with a note and evidence.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/links/{linkId:guid}/substantiations", OperationId = "substantiateLink")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(LinkChangeRequest command, Guid mapId, Guid linkId, HttpContext http, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) =>
        (await ChallengeLinkUseCase.RunAsync(command, LinkStatus.Substantiated, ActingMember.Of(http), mapId, linkId, store, states, ct)).ToHttp();
}

public static class WithdrawLinkEndpoint
{
    /// <summary>
    /// Withdraw a link: it stays in the history but no longer counts for orders, exports or the
    /// picture. Facilitators and stewards may withdraw any link, others only links they asserted.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/links/{linkId:guid}/withdrawal", OperationId = "withdrawLink")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(LinkChangeRequest command, Guid mapId, Guid linkId, HttpContext http, IDocumentStore store,
        RippleMapStates states, CancellationToken ct) =>
        (await ChallengeLinkUseCase.RunAsync(command, LinkStatus.Withdrawn, ActingMember.Of(http), mapId, linkId, store, states, ct)).ToHttp();
}
