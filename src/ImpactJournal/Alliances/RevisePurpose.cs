using Marten;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

public sealed record RevisePurpose(string? SharedPurpose);

public sealed record PurposeView(string SharedPurpose, int Revision);

/// <summary>Revising the shared purpose: the one implementation behind the API and the settings page.</summary>
public static class RevisePurposeUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(RevisePurpose? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().Text("sharedPurpose", command.SharedPurpose, AllianceLimits.Purpose).ToErrors();

    /// <summary>A new revision when the wording changed; resending the current purpose changes nothing.</summary>
    public static Decision Decide(RevisePurpose command, Alliance alliance)
    {
        var purpose = command.SharedPurpose!.Trim();
        var location = $"/api/alliances/{alliance.Id}/purpose";
        return purpose == alliance.SharedPurpose
            ? Outcome.Changed(alliance.Id, location, new PurposeView(purpose, alliance.PurposeRevision))
            : Decision.Append(Outcome.Changed(alliance.Id, location, new PurposeView(purpose, alliance.PurposeRevision + 1)), new PurposeRevised(purpose));
    }

    public static Task<Outcome> RunAsync(RevisePurpose? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(RevisePurpose), acting, async () =>
            UseCase.Refusal(Validate(command)) ?? await AllianceChange.ApplyAsync(store, acting, alliance => Decide(command!, alliance), ct));
}

public static class RevisePurposeEndpoint
{
    /// <summary>Revise the shared purpose; each revision is kept as an event. Resending the current purpose changes nothing.</summary>
    [WolverinePut(AllianceRoute.Prefix + "/purpose", OperationId = "revisePurpose", Summary = "Revise the shared purpose (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    [ProducesResponseType<PurposeView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(RevisePurpose command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await RevisePurposeUseCase.RunAsync(command, ActingMember.Of(http), store, ct)).ToHttp();
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
