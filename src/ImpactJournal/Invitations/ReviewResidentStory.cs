using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Invitations;

/// <summary>
/// A review of a resident's story: <c>accept</c> (with a changed title or narrative and a reason saying why, recorded as an
/// amendment) or <c>decline</c> with a reason the resident reads under their code.
/// </summary>
public sealed record ReviewResidentStory(string? Decision, string? Reason, string? Title = null, string? Narrative = null);

/// <summary>Reviewing a resident's story before it joins the journal: behind the API's endpoint and "Stories waiting for review".</summary>
public static class ReviewResidentStoryUseCase
{
    public const string NoSuchStory = "No story waiting for review has this id in this alliance.";

    public static IReadOnlyDictionary<string, string[]> Validate(ReviewResidentStory? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .Text("title", command.Title, StoryConfiguration.Title, required: false)
            .Text("narrative", command.Narrative, StoryConfiguration.Narrative, required: false);
        switch (command.Decision)
        {
            case "accept":
                validation.Text("reason", command.Reason, InvitationConfiguration.Reason, required: false);
                break;
            case "decline":
                validation.Text("reason", command.Reason, InvitationConfiguration.Reason);
                break;
            default:
                validation.Add("decision", "Required; one of accept, decline.");
                break;
        }
        return validation.ToErrors();
    }

    /// <summary>
    /// Accepting starts the journal's story (<paramref name="storyId"/>) from the resident's words, or the changed ones;
    /// declining records the reason. A story already reviewed, or withdrawn, is not reviewed again.
    /// </summary>
    public static Decision Decide(ResidentStory story, ReviewResidentStory command, Member member, Guid storyId, DateOnly toldOn, string location)
    {
        if (!story.MayBeReviewedBy(member))
            return new Outcome.Forbidden("A member of the partner that invited it, or a steward, reviews a resident's story.");
        if (story.State != ResidentStoryState.WaitingForReview)
            return new Outcome.Conflict("Already reviewed", $"This story is {ResidentStories.Words(story.State)}; it is not waiting for review.");
        if (command.Decision == "decline")
            return Decision.Append(Outcome.Changed(story.Id, location, new { id = story.Id, state = "declined" }), new ResidentStoryDeclined(command.Reason!.Trim()));

        var title = string.IsNullOrWhiteSpace(command.Title) ? story.Title! : command.Title.Trim();
        var narrative = string.IsNullOrWhiteSpace(command.Narrative) ? story.Narrative! : command.Narrative.Trim();
        var amended = title != story.Title || narrative != story.Narrative;
        // A change is an amendment, and says why the resident's words were changed.
        if (amended && string.IsNullOrWhiteSpace(command.Reason)) return Outcome.InvalidField("reason", "Required when the story is changed: say why.");
        var told = new StoryTold(storyId, title, narrative, story.Name is null ? "resident" : $"resident: {story.Name}", toldOn, null, story.Consent,
            story.Signifiers ?? Signifiers.None, story.FrameworkVersion, story.PartnerId);
        return Decision.Append(Outcome.Changed(story.Id, location, new { id = story.Id, state = "accepted", storyId }),
            new ResidentStoryAccepted(storyId, amended ? command.Reason!.Trim() : null)) with
        {
            Alongside = [MartenOps.StartStream<Story>(storyId, told)]
        };
    }

    public static Task<Outcome> RunAsync(Guid residentStoryId, ReviewResidentStory? command, ActingMember acting, IDocumentStore store,
        CancellationToken ct) => UseCase.TracedAsync(nameof(ReviewResidentStory), acting, async () =>
        UseCase.Refusal(Validate(command)) ?? await UseCase.ChangeStreamAsync<ResidentStory>(store, acting, residentStoryId, oneWriterAtATime: true,
            NoSuchStory, story => Decide(story, command!, acting.Member, Guid.CreateVersion7(),
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(story.ToldAt, Web.Words.UkTime).DateTime),
                $"/api/alliances/{acting.AllianceId}/stories/{residentStoryId}/review"), ct));
}

public static class ReviewResidentStoryEndpoint
{
    /// <summary>
    /// Review a resident's story before it joins the journal (a member of the inviting partner, or a steward):
    /// <c>{decision: "accept"}</c>, accept with a change (<c>title</c> and/or <c>narrative</c>, and a <c>reason</c>, recorded as
    /// an amendment), or <c>{decision: "decline", reason}</c>, which the resident reads under their code. Answers the new story's id.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/stories/{residentStoryId:guid}/review", OperationId = "reviewResidentStory")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(Guid residentStoryId, ReviewResidentStory command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await ReviewResidentStoryUseCase.RunAsync(residentStoryId, command, ActingMember.Of(http), store, ct)).ToHttp();
}

public static class ReadWaitingStoriesEndpoint
{
    /// <summary>The residents' stories waiting for your review, oldest first: a partner's members see their own organisation's.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/stories/waiting", OperationId = "listStoriesWaitingForReview")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> List(HttpContext http, IQuerySession session, CancellationToken ct) =>
        Results.Ok((await WaitingAsync(session, CurrentMember.Of(http), ct)).Select(s => new
        {
            s.Id, s.Title, s.Narrative, name = s.Name, consent = s.Consent, signifiers = s.Signifiers, s.ToldAt, s.InvitationId, s.PartnerId
        }));

    public static async Task<IReadOnlyList<ResidentStory>> WaitingAsync(IQuerySession session, Member member, CancellationToken ct)
    {
        var waiting = await session.Query<ResidentStory>().Where(s => s.State == ResidentStoryState.WaitingForReview).ToListAsync(ct);
        return [.. waiting.Where(member.Role == AllianceRole.Steward ? _ => true : s => s.MayBeReviewedBy(member)).OrderBy(s => s.ToldAt)];
    }
}
