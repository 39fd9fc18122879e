using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Stories;

public static class WithdrawStoryConsentEndpoint
{
    public static ProblemDetails Validate(WithdrawConsent? command) => WithdrawConsent.Check(command);

    /// <summary>
    /// Withdraw consent: title, narrative, teller role, domain, signifiers and selection reasons are
    /// erased from the stored events and every read model; the story remains as {id, withdrawn: true}
    /// and a StoryConsentWithdrawn event records who asked and when.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/stories/{storyId:guid}/consent-withdrawal", OperationId = "withdrawStoryConsent")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [OptionalBody]
    public static Task<(IResult, Events, IMartenOp)> Post(WithdrawConsent? command, [WriteAggregate("storyId")] Story story,
        Guid allianceId, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        ConsentWithdrawals.WithdrawAsync(store, allianceId, story.Id, EvidenceKind.Story, story.WithdrawnAt,
            story.MayBeChangedBy(CurrentMember.Of(http)), ActingSubject.Of(http.User), clock, ct);
}
