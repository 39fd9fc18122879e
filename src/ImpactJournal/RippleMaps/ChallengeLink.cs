using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.RippleMaps;

/// <summary>A dispute, substantiation or withdrawal of a link. Either <c>reason</c> or <c>note</c> carries the text.</summary>
public sealed record LinkChangeRequest(Guid? Id, string? Reason, string? Note, IReadOnlyList<EvidenceInput?>? Evidence)
{
    public string Text => (Reason ?? Note)!.Trim();
}

public sealed record LinkChangedAnswer(Guid Id, LinkStatus Status);

public static class DisputeLinkEndpoint
{
    public static ProblemDetails Validate(LinkChangeRequest? command) => LinkChanges.Validate(command);

    /// <summary>Dispute a link ("we don't think A led to B"); it still counts until withdrawn.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/links/{linkId:guid}/disputes", OperationId = "disputeLink")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static Task<IResult> Post(LinkChangeRequest command, Guid mapId, Guid linkId,
        IDocumentSession session, RippleMapStates states, CancellationToken ct) =>
        LinkChanges.WriteAsync(session, states, mapId, linkId, command, LinkStatus.Disputed, null, ct);
}

public static class SubstantiateLinkEndpoint
{
    public static ProblemDetails Validate(LinkChangeRequest? command) => LinkChanges.Validate(command);

    /// <summary>Substantiate a link with a note and evidence.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/links/{linkId:guid}/substantiations", OperationId = "substantiateLink")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static Task<IResult> Post(LinkChangeRequest command, Guid mapId, Guid linkId,
        IDocumentSession session, RippleMapStates states, CancellationToken ct) =>
        LinkChanges.WriteAsync(session, states, mapId, linkId, command, LinkStatus.Substantiated, null, ct);
}

public static class WithdrawLinkEndpoint
{
    public static ProblemDetails Validate(LinkChangeRequest? command) => LinkChanges.Validate(command);

    /// <summary>
    /// Withdraw a link: it stays in the history but no longer counts for orders, exports or the
    /// picture. Facilitators and stewards may withdraw any link, others only links they asserted.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/maps/{mapId:guid}/links/{linkId:guid}/withdrawal", OperationId = "withdrawLink")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static Task<IResult> Post(LinkChangeRequest command, Guid mapId, Guid linkId, HttpContext http,
        IDocumentSession session, RippleMapStates states, CancellationToken ct)
    {
        var member = CurrentMember.Of(http);
        var mayWithdrawAny = AllianceAccess.RolesByPolicy[AllianceAccess.Facilitate].Contains(member.Role);
        return LinkChanges.WriteAsync(session, states, mapId, linkId, command, LinkStatus.Withdrawn,
            link => mayWithdrawAny || link.AssertedBy == member.Subject, ct);
    }
}

public static class LinkChanges
{
    public static ProblemDetails Validate(LinkChangeRequest? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .CheckEvidence("evidence", command.Evidence);
        if (command.Reason is not null && command.Note is not null) validation.Add("reason", "Give reason or note, not both.");
        else validation.Text(command.Note is null ? "reason" : "note", command.Reason ?? command.Note, RippleMapConfiguration.Note);
        return validation.ToProblem();
    }

    public static async Task<IResult> WriteAsync(IDocumentSession session, RippleMapStates states, Guid mapId, Guid linkId,
        LinkChangeRequest command, LinkStatus status, Func<MapLink, bool>? mayChange, CancellationToken ct)
    {
        var evidence = Evidence.ToRefs(command.Evidence);
        if (await Evidence.MissingAsync(session, "evidence", evidence, ct) is { } missing) return missing;

        var changeId = command.Id ?? Guid.CreateVersion7();
        object change = status switch
        {
            LinkStatus.Disputed => new RippleLinkDisputed(linkId, changeId, command.Text, evidence),
            LinkStatus.Substantiated => new RippleLinkSubstantiated(linkId, changeId, command.Text, evidence),
            _ => new RippleLinkWithdrawn(linkId, changeId, command.Text)
        };

        return await RippleMapWriter.WriteAsync(session, states, mapId, map =>
        {
            if (!map.Links.TryGetValue(linkId, out var link)) return MapDecision.Refuse(MapAnswers.NotFound("No link with this id on this map."));
            if (link.History.FirstOrDefault(h => h.Id == changeId) is { } earlier)
                return MapDecision.Refuse(earlier.Status == status && earlier.Text == command.Text && earlier.Evidence.SequenceEqual(evidence)
                    ? Results.Ok(new LinkChangedAnswer(linkId, link.Status))
                    : ResourceCreated.IdTakenByDifferentBody(changeId));
            if (mayChange?.Invoke(link) == false)
                return MapDecision.Refuse(Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this",
                    detail: "Partners withdraw only links they asserted; facilitators and stewards may withdraw any."));
            if (link.Status == LinkStatus.Withdrawn)
                return MapDecision.Refuse(status == LinkStatus.Withdrawn
                    ? Results.Ok(new LinkChangedAnswer(linkId, LinkStatus.Withdrawn))
                    : MapAnswers.Conflict("Link withdrawn", "This link was withdrawn; it is kept as history only."));
            return new MapDecision(Results.Ok(new LinkChangedAnswer(linkId, status)), [change]);
        }, ct);
    }
}
