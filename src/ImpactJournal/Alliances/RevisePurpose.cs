using Marten;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Alliances;

public sealed record RevisePurpose(string? SharedPurpose);

public sealed record PurposeView(string SharedPurpose, int Revision);

public static class RevisePurposeEndpoint
{
    public static ProblemDetails Validate(RevisePurpose? command) => command is null
        ? Validation.MissingBody()
        : new Validation().Text("sharedPurpose", command.SharedPurpose, AllianceLimits.Purpose).ToProblem();

    /// <summary>Revise the shared purpose; each revision is kept as an event. Resending the current purpose changes nothing.</summary>
    [WolverinePut(AllianceRoute.Prefix + "/purpose", OperationId = "revisePurpose", Summary = "Revise the shared purpose (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static (PurposeView, Events) Put(RevisePurpose command, [WriteAggregate(AllianceRoute.AllianceId)] Alliance alliance)
    {
        var purpose = command.SharedPurpose!.Trim();
        return purpose == alliance.SharedPurpose
            ? (new PurposeView(purpose, alliance.PurposeRevision), [])
            : (new PurposeView(purpose, alliance.PurposeRevision + 1), [new PurposeRevised(purpose)]);
    }
}

/// <summary>One wording of the shared purpose: the first is the one the alliance was formed with.</summary>
public sealed record PurposeRevisionView(int Revision, string SharedPurpose, string? RevisedBy, DateTimeOffset RevisedAt);

public static class PurposeRevisionsEndpoint
{
    [WolverineGet(AllianceRoute.Prefix + "/purpose/revisions", OperationId = "purposeRevisions", Summary = "Every wording the shared purpose has had, oldest first")]
    public static Task<IReadOnlyList<PurposeRevisionView>> Get(Guid allianceId, IQuerySession session, CancellationToken ct) =>
        RevisionsAsync(session, allianceId, ct);

    /// <summary>Read from the alliance's own stream, where each revision is kept (shared with the web app's settings page).</summary>
    public static async Task<IReadOnlyList<PurposeRevisionView>> RevisionsAsync(IQuerySession session, Guid allianceId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(allianceId, token: ct);
        var revisions = new List<PurposeRevisionView>();
        foreach (var e in events)
        {
            var purpose = e.Data switch { AllianceFormed formed => formed.SharedPurpose, PurposeRevised revised => revised.SharedPurpose, _ => null };
            if (purpose is not null) revisions.Add(new PurposeRevisionView(revisions.Count + 1, purpose, e.UserName, e.Timestamp));
        }
        return revisions;
    }
}
