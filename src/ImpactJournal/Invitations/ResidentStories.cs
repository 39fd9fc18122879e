using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Invitations;

/// <summary>What a resident reads with their code: the story's state, and the reason when it was declined.</summary>
public sealed record ResidentStoryStatus(string State, string? Title, DateTimeOffset ToldAt, string? DeclineReason, bool Changed);

/// <summary>A resident's story found by its reference code, with the alliance it is in.</summary>
public sealed record CodedStory(Guid AllianceId, ResidentStory Story);

public static class ResidentStories
{
    /// <summary>Who the journal records as having acted when a resident acts with no account.</summary>
    public const string Resident = "resident";

    public const string NoSuchCode = "No story has this code. Check it, letter by letter.";

    public static string Words(ResidentStoryState state) => state switch
    {
        ResidentStoryState.WaitingForReview => "waiting for review",
        ResidentStoryState.Accepted => "accepted",
        ResidentStoryState.Declined => "declined",
        _ => "withdrawn"
    };

    public static ResidentStoryStatus StatusOf(ResidentStory story) =>
        new(Words(story.State), story.Title, story.ToldAt, story.DeclineReason, story.AmendmentNote is not null);

    /// <summary>The story a code names; null for a code that names none (or cannot be one), alike.</summary>
    public static async Task<CodedStory?> FindAsync(IDocumentStore store, string? typed, CancellationToken ct)
    {
        var hash = InvitationSecrets.Hash(InvitationSecrets.NormaliseCode(typed) ?? "");
        await using var session = store.QuerySession();
        var code = await session.Query<ResidentCode>().Where(c => c.AnyTenant() && c.Id == hash).FirstOrDefaultAsync(ct);
        var storyId = code?.ResidentStoryId ?? Guid.Empty;
        var found = await session.Query<ResidentStory>().Where(s => s.AnyTenant() && s.Id == storyId).FirstOrDefaultAsync(ct);
        return found is null ? null : new CodedStory(found.AllianceId, found);
    }
}

/// <summary>A resident withdraws consent with their code alone: erased as members' withdrawals erase, the audit remains.</summary>
public static class WithdrawResidentStoryUseCase
{
    /// <summary>
    /// Erases the resident's words from the stored events and read models, and the accepted story's as a member's withdrawal
    /// does (with its audit). Withdrawing again erases again and records nothing new.
    /// </summary>
    public static Task<Outcome> RunAsync(string? code, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        UseCase.TracedAsync("WithdrawResidentStory", null, async () =>
        {
            if (await ResidentStories.FindAsync(store, code, ct) is not { } found) return new Outcome.NotFound(ResidentStories.NoSuchCode);
            var (allianceId, residentStory) = (found.AllianceId, found.Story);
            await using var session = TellResidentStoryUseCase.ResidentSession(store, allianceId);
            if (residentStory.StoryId is { } storyId)
            {
                var story = await session.Events.FetchForWriting<Story>(storyId, ct);
                var (_, events, pendingDone) = await ConsentWithdrawals.EraseAsync(store, allianceId, storyId, EvidenceKind.Story,
                    story.Aggregate?.WithdrawnAt, mayChange: true, ResidentStories.Resident, clock, ct);
                story.AppendMany([.. events]);
                pendingDone.Execute(session);
            }
            await ConsentErasure.EraseStreamAsync(store, allianceId, residentStory.Id, ct);
            if (residentStory.State != ResidentStoryState.Withdrawn) session.Events.Append(residentStory.Id, new ResidentStoryWithdrawn());
            await session.SaveChangesAsync(ct);
            return Outcome.Changed(residentStory.Id, "/api/resident", new ResidentStoryStatus(ResidentStories.Words(ResidentStoryState.Withdrawn), null,
                residentStory.ToldAt, null, false));
        });
}

public static class ResidentCodeEndpoints
{
    /// <summary>What a resident reads with their reference code: the story's state, and a declined story's reason. Any other code gets 404.</summary>
    [WolverineGet("/api/resident/{code}", OperationId = "readResidentStory")]
    [AllowAnonymous]
    [ProducesResponseType<ResidentStoryStatus>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string code, IDocumentStore store, CancellationToken ct) =>
        await ResidentStories.FindAsync(store, code, ct) is { } found
            ? Results.Ok(ResidentStories.StatusOf(found.Story))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ResidentStories.NoSuchCode);

    /// <summary>
    /// A resident withdraws consent with their reference code: the story's words are erased from the stored events and every
    /// read model (the accepted story's too, as a member's withdrawal does); that it was withdrawn, and when, remains.
    /// </summary>
    [WolverinePost("/api/resident/{code}", OperationId = "withdrawResidentStory")]
    [AllowAnonymous]
    [ProducesResponseType<ResidentStoryStatus>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(string code, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        (await WithdrawResidentStoryUseCase.RunAsync(code, store, clock, ct)).ToHttp();
}
