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
    public static async Task<(IResult, Events)> Post(WithdrawConsent? command, [WriteAggregate("storyId")] Story story,
        Guid allianceId, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (!story.MayBeChangedBy(CurrentMember.Of(http)))
            return (Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this",
                detail: "Partners act only on their own organisation's stories."), []);

        // Erase first: should the process die before the audit is appended, a retry appends it.
        await ConsentErasure.EraseStreamAsync(store, allianceId, story.Id, ct);
        var answer = Results.Ok(new WithdrawnRecord(story.Id, story.WithdrawnAt));
        return story.Withdrawn
            ? (answer, [])
            : (answer, [new StoryConsentWithdrawn(string.IsNullOrWhiteSpace(command?.Reason) ? null : command.Reason.Trim())]);
    }
}
