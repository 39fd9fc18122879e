using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Stories;

public sealed record SelectStory(Guid? Id, string? Panel, string? Reason);

public static class SelectStoryEndpoint
{
    public static ProblemDetails Validate(SelectStory? command) => command is null
        ? Validation.MissingBody()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("panel", command.Panel, StoryConfiguration.Panel)
            .Text("reason", command.Reason, StoryConfiguration.Reason)
            .ToProblem();

    /// <summary>Record a most-significant-change selection with the panel's reasons. Several panels may select one story.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/stories/{storyId:guid}/selections", OperationId = "selectStory")]
    [Authorize(Policy = AllianceAccess.Reflect)]
    public static (IResult, Events) Post(SelectStory command, [WriteAggregate("storyId")] Story story, Guid allianceId,
        HttpContext http, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!story.Withdrawn && !story.Consent.AllowsReadingBy(CurrentMember.Of(http).Role, today))
            return (Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"), []);
        if (story.Withdrawn)
            return (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Consent was withdrawn",
                detail: "This story's content was erased at the teller's request."), []);

        var selected = new StorySelected(command.Id ?? Guid.CreateVersion7(), command.Panel!.Trim(), command.Reason!.Trim());
        var location = $"/api/alliances/{allianceId}/stories/{story.Id}";
        var earlier = story.Selections.FirstOrDefault(s => s.Id == selected.SelectionId);
        var answer = ResourceCreated.ForPart(earlier is not null,
            earlier?.Panel == selected.Panel && earlier.Reason == selected.Reason, location, selected.SelectionId);
        return earlier is null ? (answer, [selected]) : (answer, []);
    }
}
