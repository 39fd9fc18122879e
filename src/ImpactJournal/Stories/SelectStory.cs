using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Stories;

public sealed record SelectStory(Guid? Id, string? Panel, string? Reason);

/// <summary>A most-significant-change panel selecting a story: the one implementation behind the API and the story's page.</summary>
public static class SelectStoryUseCase
{
    public const string NoStory = "There is no story here that you may read.";

    public static IReadOnlyDictionary<string, string[]> Validate(SelectStory? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("panel", command.Panel, StoryConfiguration.Panel)
            .Text("reason", command.Reason, StoryConfiguration.Reason)
            .ToErrors();

    /// <summary>
    /// The selection, if the selecting member may read the story under its teller's consent today (otherwise it is
    /// not there for them) and consent has not been withdrawn. Several panels may select one story.
    /// </summary>
    public static Decision Decide(SelectStory command, Story story, Guid allianceId, AllianceRole role, DateOnly today)
    {
        if (!story.Withdrawn && !story.Consent.AllowsReadingBy(role, today)) return new Outcome.NotFound(NoStory);
        if (story.Withdrawn) return new Outcome.Conflict("Consent was withdrawn", "This story's content was erased at the teller's request.");

        var selected = new StorySelected(command.Id ?? Guid.CreateVersion7(), command.Panel!.Trim(), command.Reason!.Trim());
        var earlier = story.Selections.FirstOrDefault(s => s.Id == selected.SelectionId);
        return Decision.AddPart(earlier is not null, earlier?.Panel == selected.Panel && earlier.Reason == selected.Reason,
            selected.SelectionId, $"/api/alliances/{allianceId}/stories/{story.Id}", selected);
    }

    public static Task<Outcome> RunAsync(Guid storyId, SelectStory? command, ActingMember acting, IDocumentStore store, TimeProvider clock,
        CancellationToken ct) => UseCase.TracedAsync(nameof(SelectStory), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return await UseCase.ChangeStreamAsync<Story>(store, acting, storyId, oneWriterAtATime: false, NoStory,
            story => Decide(command!, story, acting.AllianceId, acting.Member.Role, today), ct);
    });
}

public static class SelectStoryEndpoint
{
    /// <summary>
    /// Record a most-significant-change selection with the panel's reasons. Stewards and facilitators, who run the panels,
    /// record them; partners and commissioners get 403, as on the story's page. Several panels may select one story.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/stories/{storyId:guid}/selections", OperationId = "selectStory",
        Summary = "Record a panel's selection of a story (steward, facilitator)")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    public static async Task<IResult> Post(Guid storyId, SelectStory command, HttpContext http, IDocumentStore store, TimeProvider clock,
        CancellationToken ct) =>
        (await SelectStoryUseCase.RunAsync(storyId, command, ActingMember.Of(http), store, clock, ct)).ToHttp();
}
